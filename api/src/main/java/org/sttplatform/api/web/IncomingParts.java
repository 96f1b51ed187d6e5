package org.sttplatform.api.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

/**
 * The multipart staging directory ({@code <dataDir>/uploads/.incoming}). Tomcat deletes a part file
 * when its request ends; a crash or a kill leaves it behind, possibly gigabytes of it, and nothing
 * else ever looks there.
 */
final class IncomingParts {
  private static final Logger log = LoggerFactory.getLogger(IncomingParts.class);

  private IncomingParts() {}

  /**
   * Deletes the entries of {@code dir} last modified before {@code before}. Called before the web
   * server accepts requests, so none of them belongs to a request in flight; the time check keeps
   * it safe should it ever run later.
   *
   * @return how many entries were removed
   */
  static int removeLeftovers(Path dir, Instant before) {
    List<Path> entries;
    try (Stream<Path> s = Files.list(dir)) {
      entries = s.toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the upload directory " + dir, e);
    }
    int removed = 0;
    for (Path entry : entries) {
      try {
        if (Files.getLastModifiedTime(entry).toInstant().isBefore(before)) {
          FileSystemUtils.deleteRecursively(entry);
          removed++;
        }
      } catch (IOException e) {
        log.warn("Could not remove the leftover upload part {}: {}", entry, e.toString());
      }
    }
    if (removed > 0) {
      log.info("Removed {} upload part file(s) left in {} by an earlier run", removed, dir);
    } else {
      log.info("No leftover upload part files in {}", dir);
    }
    return removed;
  }
}
