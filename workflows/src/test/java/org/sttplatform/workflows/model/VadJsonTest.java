package org.sttplatform.workflows.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The VAD fields keep JSON written before they existed readable, and add nothing when unused. */
class VadJsonTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void decodeOptionsStoredBeforeVadReadAsVadOff() throws Exception {
    String old =
        "{\"language\":\"en\",\"temperature\":[0.0],\"compression_ratio_threshold\":2.4,"
            + "\"no_speech_threshold\":0.6,\"condition_on_previous_text\":true,"
            + "\"initial_prompt\":null,\"word_timestamps\":false,\"prepend_punctuations\":\"\","
            + "\"append_punctuations\":\"\",\"clip_timestamps\":[],"
            + "\"hallucination_silence_threshold\":null}";
    DecodeOptions o = JSON.readValue(old, DecodeOptions.class);
    assertThat(o.language()).isEqualTo("en");
    assertThat(o.vadFilter()).isFalse();
    assertThat(o.vadParameters()).isNull();
  }

  @Test
  void vadOptionsRoundTripWithFasterWhisperNames() throws Exception {
    DecodeOptions o =
        DecodeOptions.defaults().withVad(true, new VadOptions(0.6, null, 250, null, 500, 200));
    JsonNode tree = JSON.valueToTree(o);
    assertThat(tree.get("vad_filter").asBoolean()).isTrue();
    assertThat(tree.get("vad_parameters").get("min_silence_duration_ms").asInt()).isEqualTo(500);
    assertThat(JSON.readValue(JSON.writeValueAsString(o), DecodeOptions.class)).isEqualTo(o);
    assertThat(JSON.valueToTree(DecodeOptions.defaults()).has("vad_parameters")).isFalse();
  }

  @Test
  void aTranscriptWithoutVadHasNoVadField() throws Exception {
    Transcript plain = new Transcript("hi", "en", 1, 2, "whisper.cpp", "base", 1, List.of());
    String json = JSON.writeValueAsString(plain);
    assertThat(JSON.readTree(json).has("vad")).isFalse();
    assertThat(JSON.readValue(json, Transcript.class).vad()).isNull();

    Transcript withVad =
        new Transcript(
            "",
            null,
            0,
            10,
            "whisper.cpp",
            "base",
            0,
            List.of(),
            new Transcript.Vad(List.of(new Transcript.Region(1.5, 3.25)), 0.175, 0.02));
    Transcript back = JSON.readValue(JSON.writeValueAsString(withVad), Transcript.class);
    assertThat(back).isEqualTo(withVad);
    assertThat(
            JSON.readTree(JSON.writeValueAsString(withVad))
                .get("vad")
                .get("speech_ratio")
                .asDouble())
        .isEqualTo(0.175);
  }
}
