package org.sttplatform.gpu.whisper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where whisper.cpp's log output goes: every line to SLF4J logger {@code whisper.cpp} at debug, and
 * error lines also to a per-thread buffer, so a failed call can say what whisper.cpp complained of.
 */
final class NativeLog {

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
  static final WhisperNative.LogCallback CALLBACK =
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

  private NativeLog() {}

  /** Takes (and clears) the errors whisper.cpp logged on this thread, or {@code null}. */
  static String takeLastError() {
    StringBuilder sb = ERRORS.get();
    String e = sb.length() == 0 ? null : sb.toString();
    sb.setLength(0);
    return e;
  }
}
