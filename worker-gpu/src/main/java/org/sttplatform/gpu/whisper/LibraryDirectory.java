package org.sttplatform.gpu.whisper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a whisper.cpp library directory holds: {@code libwhisper.so} (or {@code libwhisper.so.1})
 * and its ggml libraries, which are loaded first, in an order that lets libwhisper's {@code NEEDED}
 * entries resolve to them.
 */
final class LibraryDirectory {

  /** The file name of libwhisper in the bundled build (and one accepted in a custom directory). */
  static final String WHISPER = "libwhisper.so.1";

  private LibraryDirectory() {}

  /** ggml libraries of a directory in load order: base first, libggml.so last. */
  static List<Path> ggmlLibraries(Path dir) {
    List<Path> found = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "libggml*.so*")) {
      for (Path p : ds) {
        if (Files.isRegularFile(p) && !Files.isSymbolicLink(p)) {
          found.add(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    if (found.isEmpty()) {
      throw new UnsatisfiedLinkError("no libggml*.so in " + dir);
    }
    found.sort(
        (a, b) -> {
          int ra = rank(a.getFileName().toString());
          int rb = rank(b.getFileName().toString());
          return ra != rb ? Integer.compare(ra, rb) : a.compareTo(b);
        });
    return found;
  }

  private static int rank(String name) {
    if (name.startsWith("libggml-base")) {
      return 0;
    }
    if (name.startsWith("libggml.so")) {
      return 2;
    }
    return 1;
  }

  static Path whisperLibrary(Path dir) {
    for (String name : List.of("libwhisper.so", WHISPER)) {
      Path p = dir.resolve(name);
      if (Files.exists(p)) {
        return p;
      }
    }
    throw new UnsatisfiedLinkError("no libwhisper.so or libwhisper.so.1 in " + dir);
  }
}
