package org.sttplatform.examples.keywords;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds each term in each segment. A term in a script that separates words with spaces matches
 * whole words only ("cat" is not found in "category"); a term in a script without spaces (Chinese,
 * Japanese, Thai…) matches anywhere, since there are no word boundaries to respect.
 */
final class KeywordsActivityImpl implements KeywordsActivity {

  @Override
  public Output find(Input input) {
    boolean exact = Boolean.TRUE.equals(input.caseSensitive());
    List<String> terms = input.terms() == null ? List.of() : input.terms();
    Map<String, Integer> counts = new LinkedHashMap<>();
    terms.forEach(t -> counts.put(t, 0));
    List<Match> matches = new ArrayList<>();
    for (Segment segment : input.segments() == null ? List.<Segment>of() : input.segments()) {
      String text = segment.text() == null ? "" : segment.text();
      for (String term : terms) {
        int n = occurrences(text, term, exact);
        if (n > 0) {
          counts.merge(term, n, Integer::sum);
          matches.add(new Match(term, segment.id(), segment.start(), segment.end(), text.strip()));
        }
      }
    }
    return new Output(matches, counts);
  }

  static int occurrences(String text, String term, boolean caseSensitive) {
    if (term == null || term.isBlank()) {
      return 0;
    }
    String haystack = caseSensitive ? text : text.toLowerCase(Locale.ROOT);
    String needle = caseSensitive ? term.strip() : term.strip().toLowerCase(Locale.ROOT);
    boolean spaced = needle.codePoints().anyMatch(Character::isLetter) && usesSpaces(needle);
    int count = 0;
    for (int at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
      if (!spaced || (boundary(haystack, at - 1) && boundary(haystack, at + needle.length()))) {
        count++;
      }
    }
    return count;
  }

  /** Whether the term is in a script that puts spaces between words. */
  private static boolean usesSpaces(String term) {
    return term.codePoints()
        .filter(Character::isLetter)
        .allMatch(
            c -> {
              Character.UnicodeScript script = Character.UnicodeScript.of(c);
              return script != Character.UnicodeScript.HAN
                  && script != Character.UnicodeScript.HIRAGANA
                  && script != Character.UnicodeScript.KATAKANA
                  && script != Character.UnicodeScript.THAI
                  && script != Character.UnicodeScript.LAO
                  && script != Character.UnicodeScript.KHMER
                  && script != Character.UnicodeScript.MYANMAR;
            });
  }

  private static boolean boundary(String text, int index) {
    return index < 0 || index >= text.length() || !Character.isLetterOrDigit(text.charAt(index));
  }
}
