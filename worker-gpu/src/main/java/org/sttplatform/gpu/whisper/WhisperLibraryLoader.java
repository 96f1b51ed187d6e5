package org.sttplatform.gpu.whisper;

import com.sun.jna.Function;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads whisper.cpp v1.7.1 into the JVM, once per process.
 *
 * <p>By default the CPU build bundled in {@code io.github.givimad:whisper-jni:1.7.1} is used: its
 * {@code debian-amd64/libwhisper.so.1} and one of its two {@code libggml} builds (the
 * F16C+FMA+AVX+AVX2 one when {@code /proc/cpuinfo} has avx2, fma and f16c, else the generic one)
 * are extracted to {@code ~/.cache/stt-platform/whisper-1.7.1/<variant>} (or {@code
 * <java.io.tmpdir>/stt-platform-<user>/whisper-1.7.1/<variant>} when the home cache is not
 * writable; override with the system property {@value #CACHE_DIR_PROPERTY}). Extraction writes a
 * temporary file and moves it atomically into place, so concurrent JVMs are safe, and it is skipped
 * when identical files are already there.
 *
 * <p>A <b>custom library directory</b> (e.g. a CUDA build of whisper.cpp v1.7.1) replaces the
 * bundled build: pass it to {@link #load(Path)}, or set the system property {@value
 * #LIBRARY_DIR_PROPERTY} or the environment variable {@value #LIBRARY_DIR_ENV}. The directory must
 * hold {@code libwhisper.so} (or {@code libwhisper.so.1}) and its ggml libraries; every {@code
 * libggml*.so} in it is loaded first ({@code libggml-base}, then other backends, then {@code
 * libggml}), so libwhisper's {@code NEEDED} entries resolve to them.
 *
 * <p>At load every bound symbol must exist; if the library exports {@code whisper_version} it must
 * report {@value #EXPECTED_VERSION}; and the default parameter structs, read through the JNA
 * layouts, must hold v1.7.1's known default values at the expected offsets (a shifted layout shows
 * up there). whisper.cpp's log output is routed to SLF4J logger {@code whisper.cpp} at debug.
 */
public final class WhisperLibraryLoader {

  /** The whisper.cpp version whose API and struct layouts {@link WhisperNative} maps. */
  public static final String EXPECTED_VERSION = "1.7.1";

  /** System property naming a custom native library directory. */
  public static final String LIBRARY_DIR_PROPERTY = "stt.whisper.library-dir";

  /** Environment variable naming a custom native library directory. */
  public static final String LIBRARY_DIR_ENV = "STT_WHISPER_LIBRARY_DIR";

  /** System property overriding the extraction cache directory. */
  public static final String CACHE_DIR_PROPERTY = "stt.whisper.cache-dir";

  /** Measured sizes (x86-64) of the v1.7.1 structs; see {@link WhisperNative}. */
  static final int FULL_PARAMS_SIZE = 264;

  static final int CONTEXT_PARAMS_SIZE = 48;
  static final int TOKEN_DATA_SIZE = 56;

  private static final String RESOURCE_DIR = "debian-amd64/";
  private static final String GGML_AVX2 = "libggml+mf16c+mfma+mavx+mavx2.so";
  private static final String GGML_GENERIC = "libggml.so";
  private static final String WHISPER = "libwhisper.so.1";

  private static final Logger LOG = LoggerFactory.getLogger(WhisperLibraryLoader.class);
  private static final Logger NATIVE_LOG = LoggerFactory.getLogger("whisper.cpp");

  /**
   * ggml_log_level of whisper.cpp 1.7.1's ggml: NONE 0, INFO 1, WARN 2, ERROR 3, DEBUG 4, CONT 5
   * (observed: the loader's info lines arrive as 1, its errors as 3; later ggml versions renumbered
   * them).
   */
  static final int LOG_LEVEL_ERROR = 3;

  /** Error lines whisper.cpp logged on the current thread since the last take (for messages). */
  private static final ThreadLocal<StringBuilder> ERRORS =
      ThreadLocal.withInitial(StringBuilder::new);

  /** Strongly referenced for the life of the process: whisper.cpp keeps the pointer. */
  private static final WhisperNative.LogCallback LOG_CALLBACK =
      (level, text, userData) -> {
        if (text == null) {
          return;
        }
        String line = text.getString(0, "UTF-8").strip();
        if (line.isEmpty()) {
          return;
        }
        if (level == LOG_LEVEL_ERROR) {
          StringBuilder sb = ERRORS.get();
          if (sb.length() < 2000) {
            sb.append(sb.length() > 0 ? "; " : "").append(line);
          }
        }
        if (NATIVE_LOG.isDebugEnabled()) {
          NATIVE_LOG.debug(line);
        }
      };

  private static WhisperNative loaded;
  private static Path loadedFrom;
  private static final List<NativeLibrary> KEEP = new ArrayList<>();

  private WhisperLibraryLoader() {}

  /**
   * Loads the library named by {@value #LIBRARY_DIR_PROPERTY} / {@value #LIBRARY_DIR_ENV}, or the
   * bundled CPU build.
   */
  public static WhisperNative load() {
    String dir = System.getProperty(LIBRARY_DIR_PROPERTY);
    if (dir == null || dir.isBlank()) {
      dir = System.getenv(LIBRARY_DIR_ENV);
    }
    return load(dir == null || dir.isBlank() ? null : Path.of(dir));
  }

  /**
   * Loads whisper.cpp from {@code libraryDir}, or the bundled CPU build when {@code null}. Only one
   * whisper.cpp can live in a process: a later call naming another directory fails.
   *
   * @throws IllegalStateException a different library is already loaded, or the library is not
   *     v1.7.1
   * @throws UnsatisfiedLinkError the library cannot be loaded or lacks a symbol
   */
  public static synchronized WhisperNative load(Path libraryDir) {
    if (loaded != null) {
      if (libraryDir != null && !libraryDir.toAbsolutePath().normalize().equals(loadedFrom)) {
        throw new IllegalStateException(
            "whisper.cpp is already loaded from "
                + loadedFrom
                + "; cannot also load "
                + libraryDir
                + " in the same JVM");
      }
      return loaded;
    }
    Path dir = libraryDir != null ? libraryDir.toAbsolutePath().normalize() : extractBundled();
    List<Path> ggml = ggmlLibraries(dir);
    Path whisper = whisperLibrary(dir);
    for (Path lib : ggml) {
      LOG.debug("loading {}", lib);
      KEEP.add(NativeLibrary.getInstance(lib.toString()));
    }
    LOG.debug("loading {}", whisper);
    NativeLibrary whisperLib = NativeLibrary.getInstance(whisper.toString());
    KEEP.add(whisperLib);
    checkSymbols(whisperLib, whisper);
    WhisperNative lib =
        Native.load(
            whisper.toString(),
            WhisperNative.class,
            Map.of(Library.OPTION_STRING_ENCODING, "UTF-8"));
    lib.whisper_log_set(LOG_CALLBACK, null);
    checkVersion(whisperLib, whisper);
    checkLayout(lib, whisper);
    LOG.info("whisper.cpp {} loaded from {}: {}", EXPECTED_VERSION, dir, systemInfo(lib));
    loaded = lib;
    loadedFrom = libraryDir != null ? dir : null;
    return lib;
  }

  /** The directory loaded from, or {@code null} when the bundled build is in use or none yet. */
  public static synchronized Path loadedFrom() {
    return loadedFrom;
  }

  /** Takes (and clears) the errors whisper.cpp logged on this thread, or {@code null}. */
  static String takeLastError() {
    StringBuilder sb = ERRORS.get();
    String e = sb.length() == 0 ? null : sb.toString();
    sb.setLength(0);
    return e;
  }

  private static String systemInfo(WhisperNative lib) {
    String info = lib.whisper_print_system_info();
    return info == null ? "" : info.strip();
  }

  // ---------------------------------------------------------------- bundled build

  /** Whether the CPU has what the AVX2 ggml build was compiled for. */
  static boolean cpuHasAvx2Fma() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("flags")) {
          Set<String> flags =
              Set.copyOf(Arrays.asList(line.substring(line.indexOf(':') + 1).trim().split("\\s+")));
          return flags.containsAll(List.of("avx", "avx2", "fma", "f16c"));
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("cannot read /proc/cpuinfo: {}", e.toString());
    }
    return false;
  }

  private static Path extractBundled() {
    if (!Platform.isLinux() || !Platform.is64Bit() || !"x86-64".equals(Platform.ARCH)) {
      throw new UnsatisfiedLinkError(
          "the bundled whisper.cpp build is for Linux x86-64 only (this is "
              + Platform.ARCH
              + "); set "
              + LIBRARY_DIR_ENV
              + " to a directory with a build for this machine");
    }
    boolean avx2 = cpuHasAvx2Fma();
    String variant = avx2 ? "avx2" : "generic";
    Path dir = cacheDir().resolve(variant);
    try {
      Files.createDirectories(dir);
      extract(RESOURCE_DIR + (avx2 ? GGML_AVX2 : GGML_GENERIC), dir.resolve("libggml.so"));
      extract(RESOURCE_DIR + WHISPER, dir.resolve(WHISPER));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot extract whisper.cpp to " + dir, e);
    }
    return dir;
  }

  static Path cacheDir() {
    String configured = System.getProperty(CACHE_DIR_PROPERTY);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath();
    }
    Path home = Path.of(System.getProperty("user.home"), ".cache", "stt-platform", "whisper-1.7.1");
    try {
      Files.createDirectories(home);
      if (Files.isWritable(home)) {
        return home;
      }
    } catch (IOException | SecurityException e) {
      LOG.debug("home cache {} unusable: {}", home, e.toString());
    }
    return Path.of(
        System.getProperty("java.io.tmpdir"),
        "stt-platform-" + System.getProperty("user.name", "user"),
        "whisper-1.7.1");
  }

  /** Copies a classpath resource to {@code target} unless an identical file is already there. */
  static void extract(String resource, Path target) throws IOException {
    byte[] bytes;
    try (InputStream in =
        WhisperLibraryLoader.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new UnsatisfiedLinkError(
            "classpath resource "
                + resource
                + " not found (is whisper-jni 1.7.1 on the classpath?)");
      }
      bytes = in.readAllBytes();
    }
    if (Files.isRegularFile(target)
        && Files.size(target) == bytes.length
        && Arrays.equals(Files.readAllBytes(target), bytes)) {
      return;
    }
    Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
    try {
      Files.write(tmp, bytes);
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  // ---------------------------------------------------------------- directory layout

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

  private static Path whisperLibrary(Path dir) {
    for (String name : List.of("libwhisper.so", WHISPER)) {
      Path p = dir.resolve(name);
      if (Files.exists(p)) {
        return p;
      }
    }
    throw new UnsatisfiedLinkError("no libwhisper.so or libwhisper.so.1 in " + dir);
  }

  // ---------------------------------------------------------------- checks

  private static void checkSymbols(NativeLibrary lib, Path path) {
    List<String> missing = new ArrayList<>();
    for (String symbol : WhisperNative.REQUIRED_SYMBOLS) {
      try {
        lib.getFunction(symbol);
      } catch (UnsatisfiedLinkError e) {
        missing.add(symbol);
      }
    }
    if (!missing.isEmpty()) {
      throw new UnsatisfiedLinkError(
          path + " is not whisper.cpp " + EXPECTED_VERSION + ": missing symbols " + missing);
    }
  }

  private static void checkVersion(NativeLibrary lib, Path path) {
    Function version;
    try {
      version = lib.getFunction("whisper_version");
    } catch (UnsatisfiedLinkError e) {
      // v1.7.1 has no whisper_version(); the layout check covers it. 1.7.2+ export the no-speech
      // read-out: accepted if the layouts check out (1.7.3's are identical), but worth a warning.
      try {
        lib.getFunction("whisper_full_get_segment_no_speech_prob");
        LOG.warn(
            "{} exports whisper_full_get_segment_no_speech_prob, so it is newer than {};"
                + " using it because its struct layouts match",
            path,
            EXPECTED_VERSION);
      } catch (UnsatisfiedLinkError expected) {
        // v1.7.1
      }
      return;
    }
    Object v = version.invoke(String.class, new Object[0]);
    if (!EXPECTED_VERSION.equals(v)) {
      throw new IllegalStateException(
          path
              + " is whisper.cpp "
              + v
              + " but this binding maps the "
              + EXPECTED_VERSION
              + " API (struct layouts differ between versions); use a "
              + EXPECTED_VERSION
              + " build");
    }
  }

  /**
   * Reads the library's default params through our layouts and compares known v1.7.1 defaults; a
   * layout that does not match the library shows up as wrong values.
   */
  static void checkLayout(WhisperNative lib, Path path) {
    List<String> problems = new ArrayList<>();
    Pointer fp = lib.whisper_full_default_params_by_ref(WhisperNative.WHISPER_SAMPLING_GREEDY);
    try {
      WhisperNative.WhisperFullParams p = new WhisperNative.WhisperFullParams(fp);
      if (p.size() != FULL_PARAMS_SIZE) {
        problems.add("sizeof(whisper_full_params) mapped as " + p.size());
      }
      expect(problems, "strategy", p.strategy, 0);
      expect(problems, "n_max_text_ctx", p.n_max_text_ctx, 16384);
      expect(problems, "thold_pt", p.thold_pt, 0.01f);
      expect(problems, "thold_ptsum", p.thold_ptsum, 0.01f);
      expect(problems, "max_initial_ts", p.max_initial_ts, 1.0f);
      expect(problems, "length_penalty", p.length_penalty, -1.0f);
      expect(problems, "temperature_inc", p.temperature_inc, 0.2f);
      expect(problems, "entropy_thold", p.entropy_thold, 2.4f);
      expect(problems, "logprob_thold", p.logprob_thold, -1.0f);
      expect(problems, "no_speech_thold", p.no_speech_thold, 0.6f);
      expect(problems, "greedy.best_of", p.greedy.best_of, 5);
      expect(problems, "beam_search.patience", p.beam_search.patience, -1.0f);
      expect(problems, "grammar_penalty", p.grammar_penalty, 100.0f);
      expect(problems, "new_segment_callback", p.new_segment_callback == null ? 0 : 1, 0);
    } finally {
      lib.whisper_free_params(fp);
    }
    Pointer cp = lib.whisper_context_default_params_by_ref();
    try {
      WhisperNative.WhisperContextParams c = new WhisperNative.WhisperContextParams(cp);
      if (c.size() != CONTEXT_PARAMS_SIZE) {
        problems.add("sizeof(whisper_context_params) mapped as " + c.size());
      }
      expect(problems, "use_gpu", c.use_gpu, 1);
      expect(problems, "dtw_n_top", c.dtw_n_top, -1);
      expect(problems, "dtw_mem_size", c.dtw_mem_size, 128L * 1024 * 1024);
    } finally {
      lib.whisper_free_context_params(cp);
    }
    if (new WhisperNative.WhisperTokenData().size() != TOKEN_DATA_SIZE) {
      problems.add("sizeof(whisper_token_data) mapped wrongly");
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          path
              + " does not match the whisper.cpp "
              + EXPECTED_VERSION
              + " struct layouts this binding uses: "
              + problems);
    }
  }

  private static void expect(List<String> problems, String field, double actual, double wanted) {
    if (Math.abs(actual - wanted) > 1e-6 * Math.max(1, Math.abs(wanted))) {
      problems.add(String.format(Locale.ROOT, "%s=%s (expected %s)", field, actual, wanted));
    }
  }

  /** Copies a native struct into Java-owned memory (so the native copy can be freed at once). */
  static Memory copy(Pointer p, int size) {
    Memory m = new Memory(size);
    m.write(0, p.getByteArray(0, size), 0, size);
    return m;
  }
}
