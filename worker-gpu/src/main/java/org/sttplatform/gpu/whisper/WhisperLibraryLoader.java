package org.sttplatform.gpu.whisper;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

  private static final Logger LOG = LoggerFactory.getLogger(WhisperLibraryLoader.class);

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
    Path dir =
        libraryDir != null ? libraryDir.toAbsolutePath().normalize() : BundledLibrary.extract();
    List<Path> ggml = LibraryDirectory.ggmlLibraries(dir);
    Path whisper = LibraryDirectory.whisperLibrary(dir);
    for (Path lib : ggml) {
      LOG.debug("loading {}", lib);
      KEEP.add(NativeLibrary.getInstance(lib.toString()));
    }
    LOG.debug("loading {}", whisper);
    NativeLibrary whisperLib = NativeLibrary.getInstance(whisper.toString());
    KEEP.add(whisperLib);
    LibraryChecks.checkSymbols(whisperLib, whisper);
    WhisperNative lib =
        Native.load(
            whisper.toString(),
            WhisperNative.class,
            Map.of(Library.OPTION_STRING_ENCODING, "UTF-8"));
    lib.whisper_log_set(NativeLog.CALLBACK, null);
    LibraryChecks.checkVersion(whisperLib, whisper);
    LibraryChecks.checkLayout(lib, whisper);
    LOG.info("whisper.cpp {} loaded from {}: {}", EXPECTED_VERSION, dir, systemInfo(lib));
    loaded = lib;
    loadedFrom = libraryDir != null ? dir : null;
    return lib;
  }

  /** The directory loaded from, or {@code null} when the bundled build is in use or none yet. */
  public static synchronized Path loadedFrom() {
    return loadedFrom;
  }

  private static String systemInfo(WhisperNative lib) {
    String info = lib.whisper_print_system_info();
    return info == null ? "" : info.strip();
  }

  /** Copies a native struct into Java-owned memory (so the native copy can be freed at once). */
  static Memory copy(Pointer p, int size) {
    Memory m = new Memory(size);
    m.write(0, p.getByteArray(0, size), 0, size);
    return m;
  }
}
