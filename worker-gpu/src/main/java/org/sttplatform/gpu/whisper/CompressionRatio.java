package org.sttplatform.gpu.whisper;

import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;

/**
 * openai-whisper's compression ratio (a segment statistic) and its threshold in whisper.cpp's
 * terms, where the same repetition check is an entropy threshold.
 */
final class CompressionRatio {

  /** openai-whisper's default {@code compression_ratio_threshold}, whisper.cpp's entropy_thold. */
  static final double DEFAULT_COMPRESSION_RATIO_THRESHOLD = 2.4;

  private CompressionRatio() {}

  /**
   * whisper.cpp's {@code entropy_thold} for openai-whisper's {@code compression_ratio_threshold}:
   * {@code 2.4 * 2.4 / threshold}, decreasing as the threshold rises (whisper.cpp retries when the
   * entropy is below its threshold, openai-whisper when the ratio is above its own), 2.4 for the
   * default 2.4; 0 (check disabled) for a threshold that is not positive and finite.
   */
  static float entropyThreshold(double compressionRatioThreshold) {
    if (!(compressionRatioThreshold > 0) || !Double.isFinite(compressionRatioThreshold)) {
      return 0.0f;
    }
    return (float)
        (DEFAULT_COMPRESSION_RATIO_THRESHOLD
            * DEFAULT_COMPRESSION_RATIO_THRESHOLD
            / compressionRatioThreshold);
  }

  /** len(utf8) / len(zlib.compress(utf8)), as openai-whisper's {@code compression_ratio}. */
  static double compressionRatio(String text) {
    byte[] in = text.getBytes(StandardCharsets.UTF_8);
    Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION);
    try {
      d.setInput(in);
      d.finish();
      byte[] buf = new byte[in.length + 64];
      int total = 0;
      while (!d.finished()) {
        total += d.deflate(buf);
      }
      return (double) in.length / total;
    } finally {
      d.end();
    }
  }
}
