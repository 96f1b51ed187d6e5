package org.sttplatform.gpu.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.sttplatform.gpu.whisper.RecognitionSettings;
import org.sttplatform.workflows.model.DecodeOptions;
import org.sttplatform.workflows.model.TranscriptRef;

/**
 * What the transcribe activity hands the engine (the samples, the decode settings, their defaults)
 * and what it writes and returns: the transcript file, its reference, the heartbeats.
 */
class TranscriptionActivityOutputTest extends AbstractTranscriptionActivitiesTest {

  @Test
  void transcribesTheWavAndWritesTheTranscriptNextToIt() throws Exception {
    Path audio = copySine();
    RecordingRecognizer fake = new RecordingRecognizer();
    fake.stepMillis = 100;
    recognizer = fake;
    DecodeOptions options =
        new DecodeOptions(
            "EN",
            List.of(0.0, 0.5),
            null,
            0.5,
            false,
            "Glossary: Temporal.",
            true,
            null,
            ".",
            List.of(0.5),
            2.0);

    TranscriptRef ref = activities.transcribe(input(audio, true, "base", options));

    // The samples: 2 s at 16 kHz, ffmpeg's sine has amplitude 1/8.
    float[] samples = fake.samples.get();
    assertThat(samples).hasSize(32_000);
    float max = 0;
    float min = 0;
    for (float s : samples) {
      max = Math.max(max, s);
      min = Math.min(min, s);
    }
    assertThat(max).isCloseTo(0.125f, within(0.005f));
    assertThat(min).isCloseTo(-0.125f, within(0.005f));

    // The decode options.
    RecognitionSettings settings = fake.settings.get();
    assertThat(settings.language()).isEqualTo("en");
    assertThat(settings.translate()).isTrue();
    assertThat(settings.temperatures()).containsExactly(0.0, 0.5);
    assertThat(settings.compressionRatioThreshold()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(settings.noSpeechThreshold()).isEqualTo(0.5);
    assertThat(settings.conditionOnPreviousText()).isFalse();
    assertThat(settings.initialPrompt()).isEqualTo("Glossary: Temporal.");
    assertThat(settings.wordTimestamps()).isTrue();
    assertThat(settings.prependPunctuations()).isEqualTo(DecodeOptions.DEFAULT_PREPEND);
    assertThat(settings.appendPunctuations()).isEqualTo(".");
    assertThat(settings.clips()).hasSize(1);
    assertThat(settings.clips().get(0)).containsExactly(0.5, 2.0);
    assertThat(settings.hallucinationSilenceThreshold()).isEqualTo(2.0);
    assertThat(settings.threads()).isEqualTo(3);

    // The returned reference.
    Path json = taskDir.resolve("transcript.json");
    assertThat(FILES.localFile(ref.key())).isEqualTo(json);
    assertThat(ref.language()).isEqualTo("en");
    assertThat(ref.languageProbability()).isEqualTo(0.93);
    assertThat(ref.segmentCount()).isEqualTo(2);
    assertThat(ref.engineSeconds()).isGreaterThanOrEqualTo(0.0).isLessThan(10.0);

    // The JSON file, with the wire names.
    JsonNode tree = new ObjectMapper().readTree(json.toFile());
    assertThat(tree.get("text").asText()).isEqualTo(" 32000 samples. Done.");
    assertThat(tree.get("language_probability").asDouble()).isEqualTo(0.93);
    assertThat(tree.get("engine").asText()).isEqualTo("whisper.cpp");
    assertThat(tree.get("model").asText()).isEqualTo("base");
    assertThat(tree.get("duration").asDouble()).isEqualTo(2.0);
    assertThat(tree.get("engine_seconds").asDouble()).isEqualTo(ref.engineSeconds());
    assertThat(tree.get("segments")).hasSize(2);
    JsonNode second = tree.get("segments").get(1);
    assertThat(second.get("avg_logprob").asDouble()).isEqualTo(-0.2);
    assertThat(second.get("no_speech_prob").asDouble()).isEqualTo(0.01);
    assertThat(second.get("words").get(0).get("word").asText()).isEqualTo(" Done.");
    assertThat(tree.get("segments").get(0).get("words").isNull()).isTrue();
    try (Stream<Path> files = Files.list(taskDir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("audio.wav", "transcript.json");
    }

    // Heartbeats: Integer percentages, in order. Temporal throttles them (0.8 x the heartbeat
    // timeout) and drops the last pending one when the activity completes, so not every value is
    // seen; the fake engine runs long enough for several to be.
    assertThat(heartbeats).hasSizeGreaterThanOrEqualTo(2).isSorted().startsWith(0);
    assertThat(heartbeats).allMatch(p -> p >= 0 && p <= 100);
    assertThat(heartbeats.get(heartbeats.size() - 1)).isPositive();
  }

  @Test
  void nullOptionsAndModelUseTheDefaults() throws Exception {
    Path audio = copySine();
    RecordingRecognizer fake = new RecordingRecognizer();
    recognizer = fake;

    activities.transcribe(input(audio, false, null, null));

    RecognitionSettings settings = fake.settings.get();
    assertThat(settings.language()).isNull();
    assertThat(settings.translate()).isFalse();
    assertThat(settings.temperatures()).containsExactly(0.0, 0.2, 0.4, 0.6, 0.8, 1.0);
    assertThat(settings.compressionRatioThreshold()).isEqualTo(2.4);
    assertThat(settings.clips()).isEmpty();
  }
}
