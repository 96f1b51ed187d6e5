package org.sttplatform.gpu.whisper;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A word being assembled from whisper.cpp tokens. Tokens are collected as bytes, not strings,
 * because one UTF-8 character may be split over two tokens; {@link WordTimings#merge} may replace
 * the text afterwards.
 */
final class WordBuilder {
  final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  String text;
  double start = Double.NaN;
  double end = Double.NaN;
  double sumP;
  int n;

  void add(byte[] token, double t0, double t1, double p) {
    bytes.writeBytes(token);
    if (Double.isNaN(start)) {
      start = t0;
    }
    end = Double.isNaN(end) ? t1 : Math.max(end, t1);
    sumP += p;
    n++;
  }

  String text() {
    if (text == null) {
      text = bytes.toString(StandardCharsets.UTF_8);
    }
    return text;
  }

  double probability() {
    return n == 0 ? 0 : Math.max(0, Math.min(1, sumP / n));
  }
}
