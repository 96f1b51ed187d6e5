package org.sttplatform.examples.keywords;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sttplatform.examples.keywords.KeywordsActivity.Input;
import org.sttplatform.examples.keywords.KeywordsActivity.Match;
import org.sttplatform.examples.keywords.KeywordsActivity.Output;
import org.sttplatform.examples.keywords.KeywordsActivity.Segment;
import org.sttplatform.workflows.pipeline.component.ComponentRegistry;

class KeywordsActivityTest {
  private final KeywordsActivityImpl keywords = new KeywordsActivityImpl();

  @Test
  void findsWholeWordsWithTheSegmentsTimes() {
    Output out =
        keywords.find(
            new Input(
                List.of(
                    new Segment(1, 0.0, 2.5, " The cat sat."),
                    new Segment(2, 2.5, 5.0, " A category of CATS, and a Cat."),
                    new Segment(3, 5.0, 7.0, " Nothing here.")),
                List.of("cat", "dog"),
                null));

    assertThat(out.matches())
        .containsExactly(
            new Match("cat", 1, 0.0, 2.5, "The cat sat."),
            new Match("cat", 2, 2.5, 5.0, "A category of CATS, and a Cat."));
    assertThat(out.counts()).isEqualTo(Map.of("cat", 2, "dog", 0));
  }

  @Test
  void caseSensitiveMatchingAndPhrases() {
    assertThat(
            KeywordsActivityImpl.occurrences(
                "Speech to Text, speech to text", "Speech to Text", true))
        .isEqualTo(1);
    assertThat(
            KeywordsActivityImpl.occurrences(
                "Speech to Text, speech to text", "speech to text", false))
        .isEqualTo(2);
  }

  @Test
  void termsInScriptsWithoutSpacesMatchInsideWords() {
    assertThat(KeywordsActivityImpl.occurrences("今天我们讨论语音识别和语音合成。", "语音", false)).isEqualTo(2);
  }

  @Test
  void theServiceLoaderFindsTheComponent() {
    assertThat(ComponentRegistry.discover().find(KeywordsProvider.NAME))
        .hasValueSatisfying(
            spec -> assertThat(spec.activityType()).isEqualTo(KeywordsProvider.ACTIVITY));
  }
}
