package org.sttplatform.activities.subtitles;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.sttplatform.activities.DataLayout;
import org.sttplatform.workflows.model.Transcript;

/**
 * Subtitle files kept in a result folder ({@link DataLayout#taskResultsDir}, {@link
 * DataLayout#runResultsDir}), under {@code subtitles/<base>.<ext>}. Files are written to a
 * temporary name and renamed, so a reader (or a retried write) never sees half a file.
 */
public final class StoredSubtitles {
  /** The sub-folder of a result folder the files go to. */
  public static final String FOLDER = "subtitles";

  private StoredSubtitles() {}

  /**
   * One stored file.
   *
   * @param format its format
   * @param name the file name, e.g. {@code meeting.srt}
   * @param size its size in bytes
   * @param path its absolute path
   */
  public record StoredFile(SubtitleFormat format, String name, long size, Path path) {}

  /**
   * A file name base from a media name: {@link DataLayout#sanitizeFileName sanitized}, its
   * extension dropped ({@code Talk 1.mp4} → {@code Talk 1}); {@code fallback} without a name.
   */
  public static String baseName(String mediaName, String fallback) {
    if (mediaName == null || mediaName.isBlank()) {
      return DataLayout.sanitizeFileName(fallback);
    }
    String name = DataLayout.sanitizeFileName(mediaName);
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  /**
   * Writes {@code transcript} once per format into {@code resultsDir/subtitles/}, replacing files
   * of the same name.
   *
   * @param baseName the file name without extension (sanitized again here)
   * @return the files, in the order of {@code formats}
   * @throws InvalidSubtitleRequest see {@link SubtitleWriter#check}; nothing is written then
   */
  public static List<StoredFile> write(
      Transcript transcript,
      List<SubtitleFormat> formats,
      SubtitleOptions options,
      Path resultsDir,
      String baseName)
      throws IOException {
    for (SubtitleFormat format : formats) {
      SubtitleWriter.check(transcript, format, options);
    }
    Path folder = Files.createDirectories(resultsDir.resolve(FOLDER));
    String base = baseName(baseName, FOLDER);
    List<StoredFile> files = new ArrayList<>();
    for (SubtitleFormat format : formats) {
      String name = base + "." + format.extension();
      Path target = folder.resolve(name);
      Path tmp = Files.createTempFile(folder, ".", ".tmp");
      try {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
          SubtitleWriter.write(transcript, format, options, out);
        }
        move(tmp, target);
      } finally {
        Files.deleteIfExists(tmp);
      }
      files.add(new StoredFile(format, name, Files.size(target), target.toAbsolutePath()));
    }
    return files;
  }

  /** The subtitle files of {@code resultsDir}, by name; none if it has no such folder. */
  public static List<StoredFile> list(Path resultsDir) throws IOException {
    List<StoredFile> files = new ArrayList<>();
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(resultsDir.resolve(FOLDER))) {
      for (Path p : dir) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        if (name.startsWith(".") || dot <= 0 || !Files.isRegularFile(p)) {
          continue;
        }
        formatOf(name.substring(dot + 1))
            .ifPresent(
                f -> files.add(new StoredFile(f, name, size(p), p.toAbsolutePath().normalize())));
      }
    } catch (NoSuchFileException e) {
      return List.of();
    }
    files.sort(Comparator.comparing(StoredFile::name));
    return files;
  }

  /** The stored file named exactly {@code name}, if there is one. */
  public static Optional<StoredFile> find(Path resultsDir, String name) throws IOException {
    return list(resultsDir).stream().filter(f -> f.name().equals(name)).findFirst();
  }

  private static Optional<SubtitleFormat> formatOf(String extension) {
    for (SubtitleFormat f : SubtitleFormat.values()) {
      if (f.extension().equals(extension)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return 0;
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
