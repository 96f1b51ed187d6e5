package org.sttplatform.workflows.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What whisper.cpp 1.7.1 can honour of beam_size, best_of and patience; and their JSON. */
class SearchOptionsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<Double> FALLBACK = List.of(0.0, 0.2, 0.4, 0.6, 0.8, 1.0);

  @Test
  void whatWhisperCppCanRunIsAccepted() {
    assertThat(SearchOptions.problem(DecodeOptions.defaults())).isNull();
    assertThat(SearchOptions.problem(1, null, null, FALLBACK)).isNull();
    assertThat(SearchOptions.problem(8, 8, 1.0, FALLBACK)).isNull();
    assertThat(SearchOptions.problem(5, null, null, List.of(0.0))).isNull();
    assertThat(SearchOptions.problem(null, 3, null, List.of(0.5))).isNull();
    assertThat(SearchOptions.problem(2, null, null, null)).as("no list is [0.0]").isNull();
  }

  @Test
  void moreDecodersThanWhisperCppRunsAreRefusedNamingTheOption() {
    assertThat(SearchOptions.problem(9, null, null, FALLBACK))
        .contains("'beam_size'", "from 1 to 8", "at most 8 decoders");
    assertThat(SearchOptions.problem(0, null, null, FALLBACK)).contains("'beam_size'");
    assertThat(SearchOptions.problem(null, 9, null, FALLBACK)).contains("'best_of'", "from 1 to 8");
    assertThat(SearchOptions.problem(null, -1, null, FALLBACK)).contains("'best_of'");
  }

  @Test
  void patienceOtherThanOneIsRefusedBecauseWhisperCppDoesNotImplementIt() {
    assertThat(SearchOptions.problem(5, null, 2.0, FALLBACK))
        .contains("'patience'", "only 1.0", "does not implement");
    assertThat(SearchOptions.problem(5, null, Double.NaN, FALLBACK)).contains("'patience'");
    assertThat(SearchOptions.problem(null, null, 1.0, FALLBACK))
        .contains("'patience'", "give 'beam_size'");
  }

  @Test
  void anOptionTheTemperaturesWouldNeverUseIsRefused() {
    assertThat(SearchOptions.problem(4, null, null, List.of(0.2, 0.4)))
        .contains("'beam_size'", "temperature 0 only", "[0.2, 0.4]");
    assertThat(SearchOptions.problem(null, 4, null, List.of(0.0)))
        .contains("'best_of'", "above 0 only", "[0.0]");
    assertThat(SearchOptions.problem(null, 4, null, List.of())).contains("'best_of'", "[0.0]");
  }

  @Test
  void jsonWrittenBeforeTheSearchOptionsReadsAsTheDefaultSearch() throws Exception {
    String old =
        "{\"language\":\"en\",\"temperature\":[0.0],\"compression_ratio_threshold\":2.4,"
            + "\"no_speech_threshold\":0.6,\"condition_on_previous_text\":true,"
            + "\"initial_prompt\":null,\"word_timestamps\":false,\"prepend_punctuations\":\"\","
            + "\"append_punctuations\":\"\",\"clip_timestamps\":[],"
            + "\"hallucination_silence_threshold\":null,\"vad_filter\":false}";
    DecodeOptions o = JSON.readValue(old, DecodeOptions.class);
    assertThat(o.beamSize()).isNull();
    assertThat(o.bestOf()).isNull();
    assertThat(o.patience()).isNull();
    assertThat(SearchOptions.problem(o)).isNull();
  }

  @Test
  void searchOptionsRoundTripAndAreAbsentWhenNotGiven() throws Exception {
    DecodeOptions o = DecodeOptions.defaults().withSearch(3, 2, 1.0);
    var tree = JSON.valueToTree(o);
    assertThat(tree.get("beam_size").asInt()).isEqualTo(3);
    assertThat(tree.get("best_of").asInt()).isEqualTo(2);
    assertThat(tree.get("patience").asDouble()).isEqualTo(1.0);
    assertThat(JSON.readValue(JSON.writeValueAsString(o), DecodeOptions.class)).isEqualTo(o);
    var plain = JSON.valueToTree(DecodeOptions.defaults());
    assertThat(plain.has("beam_size") || plain.has("best_of") || plain.has("patience")).isFalse();
    assertThat(o.withVad(true, null).beamSize()).as("withVad keeps the search").isEqualTo(3);
  }
}
