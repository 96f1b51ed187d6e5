package org.sttplatform.activities.subtitles;

import java.lang.Character.UnicodeScript;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts text into the units lines are built from, and measures it. A unit is a word with the
 * whitespace before it; in Chinese and Japanese (written without spaces) every character is a unit,
 * so lines wrap between characters. Punctuation never starts a unit: it stays with the character
 * before it, so no line starts with a comma.
 */
final class TextUnits {
  /** Punctuation a line or cue break is preferred after. */
  private static final String BREAK_AFTER = "，。！？、；：,.!?;:…";

  /** Characters that stay with the one before them besides {@link #BREAK_AFTER}. */
  private static final String ATTACHED = "）」』】》〉”’)]}%\"'ー々～";

  private TextUnits() {}

  /**
   * The units of {@code text}, each with the (single-space normalized) whitespace before it; their
   * concatenation is the text with every run of whitespace made one space. Blank text has none.
   */
  static List<String> split(String text) {
    List<String> units = new ArrayList<>();
    StringBuilder unit = new StringBuilder();
    boolean hasContent = false;
    boolean lastWasCharUnit = false;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
        if (hasContent) {
          units.add(unit.toString());
          unit.setLength(0);
          hasContent = false;
        }
        if (unit.isEmpty()) {
          unit.append(' ');
        }
      } else if (hasContent && attaches(cp)) {
        unit.appendCodePoint(cp);
      } else if (isCharUnit(cp)) {
        if (hasContent) {
          units.add(unit.toString());
          unit.setLength(0);
        }
        unit.appendCodePoint(cp);
        hasContent = true;
        lastWasCharUnit = true;
      } else {
        if (hasContent && lastWasCharUnit) {
          units.add(unit.toString());
          unit.setLength(0);
        }
        unit.appendCodePoint(cp);
        hasContent = true;
        lastWasCharUnit = false;
      }
    }
    if (hasContent) {
      units.add(unit.toString());
    }
    return units;
  }

  /** Whitespace runs made one space, and no control characters (they would break a cue). */
  static String normalize(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    boolean space = false;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isWhitespace(cp) || Character.isSpaceChar(cp) || Character.isISOControl(cp)) {
        space = true;
      } else {
        if (space) {
          out.append(' ');
          space = false;
        }
        out.appendCodePoint(cp);
      }
    }
    if (space) {
      out.append(' ');
    }
    return out.toString();
  }

  /** Written without spaces between words, so wrapped between characters. */
  static boolean isCharUnit(int cp) {
    UnicodeScript script = UnicodeScript.of(cp);
    return script == UnicodeScript.HAN
        || script == UnicodeScript.HIRAGANA
        || script == UnicodeScript.KATAKANA;
  }

  /** Whether {@code cp} stays with the character before it. */
  static boolean attaches(int cp) {
    int type = Character.getType(cp);
    return BREAK_AFTER.indexOf(cp) >= 0
        || ATTACHED.indexOf(cp) >= 0
        || type == Character.END_PUNCTUATION
        || type == Character.FINAL_QUOTE_PUNCTUATION
        || type == Character.NON_SPACING_MARK
        || type == Character.ENCLOSING_MARK
        || type == Character.COMBINING_SPACING_MARK;
  }

  /** Whether a break right after {@code text} is a good one: it ends with punctuation. */
  static boolean endsAtPunctuation(String text) {
    String t = text.strip();
    if (t.isEmpty()) {
      return false;
    }
    int last = t.codePointBefore(t.length());
    // Closing brackets and quotes after the punctuation: "好。」" ends a sentence too.
    int i = t.length();
    while (i > 0 && ATTACHED.indexOf(last) >= 0) {
      i -= Character.charCount(last);
      if (i == 0) {
        return false;
      }
      last = t.codePointBefore(i);
    }
    return BREAK_AFTER.indexOf(last) >= 0;
  }

  /**
   * Display columns: East Asian wide and full-width characters count 2, combining marks and format
   * characters 0, everything else 1.
   */
  static int width(CharSequence text) {
    int columns = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = Character.codePointAt(text, i);
      i += Character.charCount(cp);
      columns += width(cp);
    }
    return columns;
  }

  private static int width(int cp) {
    int type = Character.getType(cp);
    if (type == Character.NON_SPACING_MARK
        || type == Character.ENCLOSING_MARK
        || type == Character.FORMAT) {
      return 0;
    }
    UnicodeScript script = UnicodeScript.of(cp);
    boolean wide =
        script == UnicodeScript.HAN
            || script == UnicodeScript.HIRAGANA
            || script == UnicodeScript.KATAKANA
            || script == UnicodeScript.HANGUL
            || (cp >= 0x3000 && cp <= 0x303F) // CJK symbols and punctuation
            || (cp >= 0xFF01 && cp <= 0xFF60) // full-width forms
            || (cp >= 0xFFE0 && cp <= 0xFFE6);
    return wide ? 2 : 1;
  }
}
