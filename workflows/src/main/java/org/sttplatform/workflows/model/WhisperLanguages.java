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

  /**
   * Whisper's English name of each language, lower case, in the order of {@link #CODES} (the names
   * OpenAI's API answers in {@code verbose_json}, e.g. {@code english}).
   */
  public static final List<String> NAMES =
      List.of(
          "english",
          "chinese",
          "german",
          "spanish",
          "russian",
          "korean",
          "french",
          "japanese",
          "portuguese",
          "turkish",
          "polish",
          "catalan",
          "dutch",
          "arabic",
          "swedish",
          "italian",
          "indonesian",
          "hindi",
          "finnish",
          "vietnamese",
          "hebrew",
          "ukrainian",
          "greek",
          "malay",
          "czech",
          "romanian",
          "danish",
          "hungarian",
          "tamil",
          "norwegian",
          "thai",
          "urdu",
          "croatian",
          "bulgarian",
          "lithuanian",
          "latin",
          "maori",
          "malayalam",
          "welsh",
          "slovak",
          "telugu",
          "persian",
          "latvian",
          "bengali",
          "serbian",
          "azerbaijani",
          "slovenian",
          "kannada",
          "estonian",
          "macedonian",
          "breton",
          "basque",
          "icelandic",
          "armenian",
          "nepali",
          "mongolian",
          "bosnian",
          "kazakh",
          "albanian",
          "swahili",
          "galician",
          "marathi",
          "punjabi",
          "sinhala",
          "khmer",
          "shona",
          "yoruba",
          "somali",
          "afrikaans",
          "occitan",
          "georgian",
          "belarusian",
          "tajik",
          "sindhi",
          "gujarati",
          "amharic",
          "yiddish",
          "lao",
          "uzbek",
          "faroese",
          "haitian creole",
          "pashto",
          "turkmen",
          "nynorsk",
          "maltese",
          "sanskrit",
          "luxembourgish",
          "myanmar",
          "tibetan",
          "tagalog",
          "malagasy",
          "assamese",
          "tatar",
          "hawaiian",
          "lingala",
          "hausa",
          "bashkir",
          "javanese",
          "sundanese",
          "cantonese");

  private static final Set<String> KNOWN = Set.copyOf(CODES);

  private WhisperLanguages() {}

  /** Whether Whisper knows {@code code} (case-insensitive). */
  public static boolean isKnown(String code) {
    return code != null && KNOWN.contains(code.toLowerCase(Locale.ROOT));
  }

  /**
   * The English name of a language code (case-insensitive), e.g. {@code en} → {@code english}, or
   * {@code null} if Whisper does not know the code.
   */
  public static String name(String code) {
    int i = code == null ? -1 : CODES.indexOf(code.toLowerCase(Locale.ROOT));
    return i < 0 ? null : NAMES.get(i);
  }
}
