package org.sttplatform.activities.llm;

/**
 * A tokenizer-free estimate of how many tokens a text costs, meant to err on the high side so that
 * a piece sized by it fits the context of any common model:
 *
 * <ul>
 *   <li>Han, kana, Hangul and full-width characters: 3 tokens per 2 characters (OpenAI's o200k
 *       tokenizer needs about 1 per character for Chinese, cl100k and Llama 3 about 1.3);
 *   <li>other non-ASCII letters (Cyrillic, Greek, Arabic, accented Latin…): 1 token per 2
 *       characters;
 *   <li>ASCII (English and code): 1 token per 4 characters, the usual rule of thumb for English.
 * </ul>
 *
 * Each class is rounded up separately, so the estimate of a concatenation is never more than the
 * sum of its parts' estimates.
 */
public final class TokenEstimator {
  private TokenEstimator() {}

  /** The estimated token count of {@code text}; 0 for an empty text. */
  public static int estimate(CharSequence text) {
    long ascii = 0;
    long wide = 0;
    long other = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = Character.codePointAt(text, i);
      i += Character.charCount(cp);
      if (cp < 0x80) {
        ascii++;
      } else if (isWide(cp)) {
        wide++;
      } else {
        other++;
      }
    }
    long tokens = ceilDiv(ascii, 4) + ceilDiv(wide * 3, 2) + ceilDiv(other, 2);
    return (int) Math.min(Integer.MAX_VALUE, tokens);
  }

  /** CJK ideographs, kana, Hangul, CJK punctuation and full-width forms. */
  static boolean isWide(int cp) {
    Character.UnicodeScript script = Character.UnicodeScript.of(cp);
    return script == Character.UnicodeScript.HAN
        || script == Character.UnicodeScript.HIRAGANA
        || script == Character.UnicodeScript.KATAKANA
        || script == Character.UnicodeScript.HANGUL
        || script == Character.UnicodeScript.BOPOMOFO
        || (cp >= 0x3000 && cp <= 0x303F) // CJK symbols and punctuation
        || (cp >= 0xFF00 && cp <= 0xFFEF); // half-width and full-width forms
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }
}
