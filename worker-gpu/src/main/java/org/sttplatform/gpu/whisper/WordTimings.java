package org.sttplatform.gpu.whisper;

import java.util.List;

/** Word post-processing shared by the whisper.cpp binding. */
final class WordTimings {

  /** openai-whisper's defaults, used when the settings give {@code null}. */
  static final String DEFAULT_PREPEND = "\"'“¿([{-";

  static final String DEFAULT_APPEND = "\"'.。,，!！?？:：”)]}、";

  private WordTimings() {}

  /**
   * openai-whisper's {@code merge_punctuations}: a word that is (after stripping) one of the
   * prepended punctuations and starts with a space is glued to the following word; a word that is
   * one of the appended punctuations is glued to the preceding word (unless that ends with a
   * space). Like openai-whisper, the receiving word keeps its timing and probability, the giver
   * becomes empty (callers drop empty words), and "is one of" is Python's substring test.
   */
  static void merge(List<WordBuilder> words, String prepend, String append) {
    String prepended = prepend != null ? prepend : DEFAULT_PREPEND;
    String appended = append != null ? append : DEFAULT_APPEND;
    int i = words.size() - 2;
    int j = words.size() - 1;
    while (i >= 0) {
      WordBuilder previous = words.get(i);
      WordBuilder following = words.get(j);
      String p = previous.text();
      if (p.startsWith(" ") && prepended.contains(p.strip())) {
        following.text = p + following.text();
        previous.text = "";
      } else {
        j = i;
      }
      i--;
    }
    i = 0;
    j = 1;
    while (j < words.size()) {
      WordBuilder previous = words.get(i);
      WordBuilder following = words.get(j);
      String f = following.text();
      if (!previous.text().endsWith(" ") && appended.contains(f)) {
        previous.text = previous.text() + f;
        following.text = "";
      } else {
        i = j;
      }
      j++;
    }
  }
}
