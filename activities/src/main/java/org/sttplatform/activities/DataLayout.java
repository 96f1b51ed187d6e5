package org.sttplatform.activities;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import org.sttplatform.storage.FileStore;
import org.sttplatform.storage.LocalFileStore;

/**
 * Where files live on the shared data directory:
 *
 * <pre>
 * &lt;dataDir&gt;/uploads/&lt;uuid&gt;/&lt;sanitized original name&gt;   uploaded media
 * &lt;dataDir&gt;/work/&lt;taskId&gt;/                         downloads, audio.wav, transcript.json
 * &lt;dataDir&gt;/work/runs/&lt;run&gt;/                      a pipeline run's working folder
 * &lt;dataDir&gt;/results/tasks/&lt;taskId&gt;/                files kept for a task (e.g. subtitles/)
 * &lt;dataDir&gt;/results/runs/&lt;run&gt;/                   files kept for a pipeline run
 * </pre>
 *
 * <p>Working folders are removed when their task or run ends; result folders outlive them (a task's
 * is removed with the task).
 *
 * <p>Every path this class hands out or deletes is checked to stay inside the data directory.
 * Thread-safe and stateless apart from the root.
 */
public final class DataLayout {

  /** Longest sanitized file name, in characters (the UTF-8 form is also kept under 200 bytes). */
  public static final int MAX_FILE_NAME_LENGTH = 120;

  private static final int MAX_FILE_NAME_BYTES = 200;
  private static final int MAX_EXTENSION_LENGTH = 10;
  private static final String FALLBACK_NAME = "media";
  private static final Pattern SAFE_EXTENSION =
      Pattern.compile("[A-Za-z0-9]{1," + MAX_EXTENSION_LENGTH + "}");

  /** Name of the extracted audio in a task's working folder. */
  public static final String AUDIO_FILE = "audio.wav";

  /** Name of the transcript the GPU worker writes into a task's working folder. */
  public static final String TRANSCRIPT_FILE = "transcript.json";

  /** Under {@code work/}: the pipeline runs' working folders (task folders are numbers). */
  private static final String RUNS = "runs";

  private static final Pattern RUN_KEY = Pattern.compile("[A-Za-z0-9_-]{1,100}");

  /** Under {@code results/}: the tasks' and the runs' result folders. */
  private static final String TASK_RESULTS = "tasks";

  private final Path root;
  private final Path uploads;
  private final Path work;
  private final FileStore files;
  private final Path results;

  /**
   * @param dataDir the data directory; made absolute and normalized, created on first use
   */
  public DataLayout(Path dataDir) {
    this.root = Objects.requireNonNull(dataDir, "dataDir").toAbsolutePath().normalize();
    this.uploads = root.resolve("uploads");
    this.work = root.resolve("work");
    this.results = root.resolve("results");
    this.files = new LocalFileStore(root);
  }

  /** The file store on this data directory: the keys files travel by between steps. */
  public FileStore files() {
    return files;
  }

  /** The absolute, normalized data directory. */
  public Path dataDir() {
    return root;
  }

  /** {@code <dataDir>/uploads}. */
  public Path uploadsDir() {
    return uploads;
  }

  /** {@code <dataDir>/work}. */
  public Path workRoot() {
    return work;
  }

  /** {@code <dataDir>/work/<taskId>}, not created. */
  public Path workDir(long taskId) {
    if (taskId < 0) {
      throw new IllegalArgumentException("taskId must not be negative: " + taskId);
    }
    return work.resolve(Long.toString(taskId));
  }

  /** Creates (if needed) and returns {@code <dataDir>/work/<taskId>}. */
  public Path createWorkDir(long taskId) throws IOException {
    return Files.createDirectories(workDir(taskId));
  }

  /**
   * {@code <dataDir>/work/runs/<workspace>}, not created: the working folder of a pipeline run.
   *
   * @throws IllegalArgumentException unless the key is 1 to 100 letters, digits, '-' or '_'
   */
  public Path runDir(String workspace) {
    if (workspace == null || !RUN_KEY.matcher(workspace).matches()) {
      throw new IllegalArgumentException("Invalid working folder key: " + workspace);
    }
    return work.resolve(RUNS).resolve(workspace);
  }

  /** Creates (if needed) and returns {@link #runDir}. */
  public Path createRunDir(String workspace) throws IOException {
    return Files.createDirectories(runDir(workspace));
  }

  /**
   * Creates (if needed) and returns a folder of its own inside {@link #runDir} for one step's
   * activity (named by the activity's id, which its retries share), so that steps running side by
   * side, such as the elements of a {@code for_each}, never write the same file.
   */
  public Path createStepDir(String workspace, String activityId) throws IOException {
    String name = activityId == null ? "" : activityId.replaceAll("[^A-Za-z0-9._-]", "_");
    if (name.isEmpty() || name.startsWith(".")) {
      throw new IllegalArgumentException("Invalid activity id: " + activityId);
    }
    return Files.createDirectories(runDir(workspace).resolve(name));
  }

  /**
   * Deletes a run's working folder and everything in it; nothing if it does not exist.
   *
   * @return whether something was deleted
   */
  public boolean deleteRunDir(String workspace) throws IOException {
    return deleteTree(requireDeletable(runDir(workspace)));
  }

  /** {@code <dataDir>/results}: files kept after a task's or run's working folder is removed. */
  public Path resultsRoot() {
    return results;
  }

  /** {@code <dataDir>/results/tasks/<taskId>}, not created. */
  public Path taskResultsDir(long taskId) {
    if (taskId < 0) {
      throw new IllegalArgumentException("taskId must not be negative: " + taskId);
    }
    return results.resolve(TASK_RESULTS).resolve(Long.toString(taskId));
  }

  /**
   * {@code <dataDir>/results/runs/<run>}, not created: what a pipeline run keeps (its working
   * folder {@link #runDir} is removed when it ends).
   *
   * @throws IllegalArgumentException unless the key is 1 to 100 letters, digits, '-' or '_'
   */
  public Path runResultsDir(String run) {
    if (run == null || !RUN_KEY.matcher(run).matches()) {
      throw new IllegalArgumentException("Invalid run key: " + run);
    }
    return results.resolve(RUNS).resolve(run);
  }

  /**
   * Deletes a task's result folder and everything in it; nothing if it does not exist.
   *
   * @return whether something was deleted
   */
  public boolean deleteTaskResults(long taskId) throws IOException {
    return deleteTree(requireDeletable(taskResultsDir(taskId)));
  }

  /** {@code <dataDir>/work/<taskId>/audio.wav}. */
  public Path audioFile(long taskId) {
    return workDir(taskId).resolve(AUDIO_FILE);
  }

  /** {@code <dataDir>/work/<taskId>/transcript.json}. */
  public Path transcriptFile(long taskId) {
    return workDir(taskId).resolve(TRANSCRIPT_FILE);
  }

  /**
   * Creates a fresh folder {@code uploads/<uuid>/} and returns the path of the (not yet written)
   * file {@code uploads/<uuid>/<sanitized originalName>} in it.
   */
  public Path newUploadFile(String originalName) throws IOException {
    Path folder = uploads.resolve(UUID.randomUUID().toString());
    Files.createDirectories(uploads);
    Files.createDirectory(folder);
    return requireInside(folder.resolve(sanitizeFileName(originalName)));
  }

  /**
   * Deletes the working folder of a task and everything in it. Does nothing if it does not exist.
   *
   * @return whether something was deleted
   */
  public boolean deleteWorkDir(long taskId) throws IOException {
    return deleteTree(requireDeletable(workDir(taskId)));
  }

  /**
   * Deletes an upload folder {@code uploads/<uuid>/}, given either that folder or a file in it (as
   * stored in a task). Does nothing if it does not exist.
   *
   * @return whether something was deleted
   * @throws IllegalArgumentException if the path is not an upload folder or a file directly in one
   */
  public boolean deleteUpload(Path uploadPath) throws IOException {
    Objects.requireNonNull(uploadPath, "uploadPath");
    Path p = uploadPath.toAbsolutePath().normalize();
    if (!p.startsWith(uploads) || p.equals(uploads)) {
      throw new IllegalArgumentException("Not an upload under " + uploads + ": " + uploadPath);
    }
    Path relative = uploads.relativize(p);
    if (relative.getNameCount() > 2) {
      throw new IllegalArgumentException("Not an upload folder or upload file: " + uploadPath);
    }
    requireInside(p);
    return deleteTree(requireDeletable(uploads.resolve(relative.getName(0))));
  }

  /**
   * Whether {@code path} (made absolute and normalized) lies strictly inside the data directory.
   */
  public boolean contains(Path path) {
    Path p = path.toAbsolutePath().normalize();
    return p.startsWith(root) && !p.equals(root);
  }

  /**
   * Returns {@code path} absolute and normalized if it lies strictly inside the data directory,
   * also once symbolic links in its existing part are resolved.
   *
   * @throws IllegalArgumentException otherwise
   */
  public Path requireInside(Path path) {
    Objects.requireNonNull(path, "path");
    Path p = path.toAbsolutePath().normalize();
    if (!contains(p)) {
      throw new IllegalArgumentException(
          "Path is outside the data directory " + root + ": " + path);
    }
    // A symbolic link inside the data directory must not lead out of it.
    try {
      Path realRoot = root.toRealPath();
      Path existing = p;
      while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
        existing = existing.getParent();
      }
      if (existing != null && existing.startsWith(root)) {
        Path real = existing.toRealPath();
        if (!real.startsWith(realRoot)) {
          throw new IllegalArgumentException(
              "Path leads outside the data directory " + root + ": " + path);
        }
      }
    } catch (NoSuchFileException rootMissing) {
      // Nothing exists yet, so nothing can be a link.
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot resolve " + path + ": " + e.getMessage(), e);
    }
    return p;
  }

  /**
   * A file name safe to create on any common file system: the last segment of {@code original} (no
   * directories, no {@code ..}), control and reserved characters replaced by {@code _}, no leading
   * dots, at most {@link #MAX_FILE_NAME_LENGTH} characters, keeping a short alphanumeric extension.
   * Letters of any script are kept. Never empty.
   */
  public static String sanitizeFileName(String original) {
    String name = original == null ? "" : original;
    name = Normalizer.normalize(name, Normalizer.Form.NFC);
    int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    name = name.substring(slash + 1);
    StringBuilder sb = new StringBuilder(name.length());
    name.codePoints()
        .forEach(
            cp -> {
              if (Character.isLetterOrDigit(cp) || cp == '.' || cp == '-' || cp == '_') {
                sb.appendCodePoint(cp);
              } else if (Character.isSpaceChar(cp)) {
                sb.append(' ');
              } else if ("()[]+,'&@!~=".indexOf(cp) >= 0) {
                sb.appendCodePoint(cp);
              } else {
                sb.append('_');
              }
            });
    name = sb.toString().replaceAll(" {2,}", " ").strip();
    name = name.replaceAll("^[.\\s]+", "").replaceAll("[.\\s]+$", "");

    String base = name;
    String ext = "";
    int dot = name.lastIndexOf('.');
    if (dot > 0 && SAFE_EXTENSION.matcher(name.substring(dot + 1)).matches()) {
      base = name.substring(0, dot).replaceAll("[.\\s]+$", "");
      ext = "." + name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
    if (base.isEmpty()) {
      base = FALLBACK_NAME;
    }
    base = truncate(base, MAX_FILE_NAME_LENGTH - ext.length(), MAX_FILE_NAME_BYTES - ext.length());
    return base + ext;
  }

  private static String truncate(String s, int maxChars, int maxBytes) {
    StringBuilder out = new StringBuilder();
    int bytes = 0;
    int chars = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      String c = new String(Character.toChars(cp));
      int b = c.getBytes(StandardCharsets.UTF_8).length;
      if (chars + c.length() > maxChars || bytes + b > maxBytes) {
        break;
      }
      out.append(c);
      chars += c.length();
      bytes += b;
      i += Character.charCount(cp);
    }
    String result = out.toString().strip();
    return result.isEmpty() ? FALLBACK_NAME : result;
  }

  /**
   * {@code path} if its folder lies inside the data directory once links are resolved. The path
   * itself may be a symbolic link: deleting removes the link, never what it points to.
   */
  private Path requireDeletable(Path path) {
    Path p = path.toAbsolutePath().normalize();
    if (!contains(p)) {
      throw new IllegalArgumentException(
          "Path is outside the data directory " + root + ": " + path);
    }
    requireInside(p.getParent());
    return p;
  }

  private static boolean deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.deleteIfExists(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
            if (exc instanceof NoSuchFileException) {
              return FileVisitResult.CONTINUE;
            }
            throw exc;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
            if (exc != null && !(exc instanceof NoSuchFileException)) {
              throw exc;
            }
            Files.deleteIfExists(d);
            return FileVisitResult.CONTINUE;
          }
        });
    return true;
  }
}
