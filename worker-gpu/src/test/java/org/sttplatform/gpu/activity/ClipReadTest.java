package org.sttplatform.gpu.activity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttplatform.gpu.testmodel.TestModelGenerator;
import org.sttplatform.gpu.whisper.AudioSource;
import org.sttplatform.gpu.whisper.RecognitionSettings;
import org.sttplatform.gpu.whisper.WhisperCppRecognizer;
import org.sttplatform.gpu.whisper.WhisperOptions;
import org.sttplatform.workflows.model.Transcript;
import org.sttplatform.workflows.pipeline.component.io.TranscribeStepInput;

/**
 * A part of a long file is a clip of the whole WAV (docs/components.md, "Long files in parallel"):
 * the engine must read only the clip's samples, by position, never the audio before it.
 */
class ClipReadTest {
  private static final int RATE = WavReader.SAMPLE_RATE;

  @TempDir Path dir;

  @Test
  void aClipFarIntoALongFileReadsOnlyItsOwnSamplesAndKeepsTheFilesTimes() throws Exception {
    Path model = dir.resolve("ggml-micro.bin");
    TestModelGenerator.generate(TestModelGenerator.Preset.MICRO, model, 42);
    long n = 20L * 60 * RATE; // 20 minutes, longer than one 5-minute piece
    List<long[]> reads = Collections.synchronizedList(new ArrayList<>());
    AudioSource audio =
        new AudioSource() {
          @Override
          public long sampleCount() {
            return n;
          }

          @Override
          public void read(long from, float[] into, int offset, int length) {
            reads.add(new long[] {from, from + length});
            for (int i = 0; i < length; i++) {
              into[offset + i] = (float) (0.1 * Math.sin((from + i) * 0.05));
            }
          }
        };
    TranscribeStepInput step =
        new ObjectMapper()
            .convertValue(
                Map.of(
                    "options",
                    Map.of(
                        "clip_timestamps", List.of(1100.0, 1130.0), "temperature", List.of(0.0))),
                TranscribeStepInput.class);
    RecognitionSettings settings =
        DecodeSettings.map(TranscribeComponentImpl.options(step), false, 1, n / (double) RATE);

    Transcript t;
    try (WhisperCppRecognizer engine =
        WhisperCppRecognizer.load(model, WhisperOptions.defaults().withThreads(1))) {
      t = engine.recognize(audio, settings, p -> {}, () -> false);
    }

    assertThat(reads).isNotEmpty();
    for (long[] r : reads) {
      assertThat(r[0]).isGreaterThanOrEqualTo(1100L * RATE);
      assertThat(r[1]).isLessThanOrEqualTo(1130L * RATE);
    }
    for (Transcript.Segment s : t.segments()) {
      assertThat(s.start()).isBetween(1100.0, 1130.0);
      assertThat(s.end()).isBetween(1100.0, 1130.0);
    }
  }
}
