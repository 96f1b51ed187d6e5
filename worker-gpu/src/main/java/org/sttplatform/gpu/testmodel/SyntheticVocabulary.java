package org.sttplatform.gpu.testmodel;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The text tokens of the generated model: made-up word pieces in place of Whisper's BPE vocabulary.
 */
final class SyntheticVocabulary {

  static final int N_TEXT_TOKENS = 50257; // ids below the end-of-text token

  private SyntheticVocabulary() {}

  /**
   * 256 single-byte tokens, then synthetic word pieces (most with a leading space, so decoded text
   * splits into words), unique, {@link #N_TEXT_TOKENS} in total.
   */
  static List<byte[]> vocabulary(SplittableRandom rnd) {
    List<byte[]> out = new ArrayList<>(N_TEXT_TOKENS);
    for (int b = 0; b < 256; b++) {
      out.add(new byte[] {(byte) b});
    }
    String[] onsets = {
      "b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z", "br",
      "st", "tr", "ch", "sh", "th", "pl", "gr"
    };
    String[] vowels = {"a", "e", "i", "o", "u", "ai", "ou", "ee"};
    String[] codas = {"", "n", "r", "s", "t", "l", "m", "nd", "ck"};
    String[] punct = {".", ",", "?", "!"};
    LinkedHashSet<String> pieces = new LinkedHashSet<>();
    while (pieces.size() < N_TEXT_TOKENS - 256) {
      int syllables = 1 + rnd.nextInt(3);
      StringBuilder sb = new StringBuilder();
      int kind = rnd.nextInt(20);
      if (kind < 15) {
        sb.append(' ');
      }
      for (int i = 0; i < syllables; i++) {
        sb.append(onsets[rnd.nextInt(onsets.length)])
            .append(vowels[rnd.nextInt(vowels.length)])
            .append(codas[rnd.nextInt(codas.length)]);
      }
      if (kind == 19) {
        sb.append(punct[rnd.nextInt(punct.length)]);
      }
      if (kind == 0) {
        sb.setCharAt(1, Character.toUpperCase(sb.charAt(1)));
      }
      pieces.add(sb.toString());
    }
    for (String piece : pieces) {
      out.add(piece.getBytes(StandardCharsets.UTF_8));
    }
    return out;
  }
}
