package org.sttplatform.workflows.model;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The language codes Whisper knows, in whisper.cpp's id order (v1.7.1, {@code whisper_lang_str(0 ..
 * whisper_lang_max_id())}); a test checks this list against the bundled library. Lets the API
 * reject an unknown {@code language} at once instead of failing the task later.
 */
public final class WhisperLanguages {

  /** Every code, in whisper.cpp's id order. */
  public static final List<String> CODES =
      List.of(
          "en", "zh", "de", "es", "ru", "ko", "fr", "ja", "pt", "tr", "pl", "ca", "nl", "ar", "sv",
          "it", "id", "hi", "fi", "vi", "he", "uk", "el", "ms", "cs", "ro", "da", "hu", "ta", "no",
          "th", "ur", "hr", "bg", "lt", "la", "mi", "ml", "cy", "sk", "te", "fa", "lv", "bn", "sr",
          "az", "sl", "kn", "et", "mk", "br", "eu", "is", "hy", "ne", "mn", "bs", "kk", "sq", "sw",
          "gl", "mr", "pa", "si", "km", "sn", "yo", "so", "af", "oc", "ka", "be", "tg", "sd", "gu",
          "am", "yi", "lo", "uz", "fo", "ht", "ps", "tk", "nn", "mt", "sa", "lb", "my", "bo", "tl",
          "mg", "as", "tt", "haw", "ln", "ha", "ba", "jw", "su", "yue");

  private static final Set<String> KNOWN = Set.copyOf(CODES);

  private WhisperLanguages() {}

  /** Whether Whisper knows {@code code} (case-insensitive). */
  public static boolean isKnown(String code) {
    return code != null && KNOWN.contains(code.toLowerCase(Locale.ROOT));
  }
}
