package org.sttplatform.api.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;
import org.sttplatform.api.config.SttProperties;

/**
 * Keeps uploads under {@code <dataDir>/uploads/<uuid>/<sanitized name>}. The multipart part is
 * already on disk (file-size threshold 0, see {@link WebConfig}); {@code transferTo} moves it.
 */
@Component
public class LocalUploadStorage implements UploadStorage {
  private static final Logger log = LoggerFactory.getLogger(LocalUploadStorage.class);
  private static final int MAX_NAME_BYTES = 200;

  private final Path uploads;

  public LocalUploadStorage(SttProperties properties) {
    this.uploads = uploadsDir(properties);
  }

  static Path uploadsDir(SttProperties properties) {
    return properties.dataDir().toAbsolutePath().normalize().resolve("uploads");
  }

  @Override
  public Path store(MultipartFile file) throws IOException {
    Path dir = uploads.resolve(UUID.randomUUID().toString());
    Files.createDirectories(dir);
    Path target = dir.resolve(sanitize(file.getOriginalFilename()));
    try {
      file.transferTo(target);
    } catch (IOException | RuntimeException e) {
      deleteTree(dir);
      throw e;
    }
    return target;
  }

  @Override
  public void delete(Path storedFile) {
    Path file = storedFile.toAbsolutePath().normalize();
    Path dir = file.getParent();
    if (dir == null
        || !uploads.equals(dir.getParent())
        || dir.getFileName().toString().startsWith(".")) {
      log.warn("Not deleting {}: it is not a stored upload", storedFile);
      return;
    }
    deleteTree(dir);
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(LocalUploadStorage::deleteQuietly);
    } catch (IOException e) {
      log.warn("Could not delete upload directory {}", dir, e);
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      log.warn("Could not delete {}", p, e);
    }
  }

  /**
   * The last path segment of the client's name, keeping letters and digits of any script plus
   * {@code . _ -}; everything else becomes {@code _}. No leading dot, at most 200 UTF-8 bytes (the
   * extension is kept), never empty.
   */
  static String sanitize(String original) {
    String name = original == null ? "" : original;
    int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    name = name.substring(slash + 1).strip();
    StringBuilder sb = new StringBuilder();
    name.codePoints()
        .forEach(
            cp -> {
              if (Character.isLetterOrDigit(cp) || cp == '.' || cp == '_' || cp == '-') {
                sb.appendCodePoint(cp);
              } else {
                sb.append('_');
              }
            });
    String clean = sb.toString().replaceAll("^[._]+", "");
    if (clean.isEmpty() || clean.chars().allMatch(c -> c == '_' || c == '.')) {
      clean = "upload" + (clean.contains(".") ? clean.substring(clean.lastIndexOf('.')) : "");
    }
    if (clean.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
      int dot = clean.lastIndexOf('.');
      String ext = dot > 0 && clean.length() - dot <= 11 ? clean.substring(dot) : "";
      String stem = ext.isEmpty() ? clean : clean.substring(0, dot);
      int budget = MAX_NAME_BYTES - ext.getBytes(StandardCharsets.UTF_8).length;
      StringBuilder cut = new StringBuilder();
      int bytes = 0;
      for (int i = 0; i < stem.length(); ) {
        int cp = stem.codePointAt(i);
        int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
        if (bytes + len > budget) {
          break;
        }
        cut.appendCodePoint(cp);
        bytes += len;
        i += Character.charCount(cp);
      }
      clean = cut + ext;
    }
    return clean;
  }
}
