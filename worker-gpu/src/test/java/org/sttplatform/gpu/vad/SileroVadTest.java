package org.sttplatform.gpu.vad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttplatform.gpu.activity.WavReader;

/** The real Silero v5 model on real audio: espeak-ng speech with silences placed by ffmpeg. */
class SileroVadTest {

  /** The acceptance bound on each region edge. */
  private static final double TOLERANCE_S = 0.100;

  private static SileroVad vad;

  @TempDir static Path dir;

  @BeforeAll
  static void load() throws Exception {
    vad = SileroVad.load(SileroTestModel.path());
  }

  @AfterAll
  static void close() {
    if (vad != null) {
      vad.close();
    }
  }

  /** Unpadded regions: the edges the model itself finds, to compare with where the speech is. */
  private static final VadParameters UNPADDED =
      new VadParameters(0.5, null, 0, Double.POSITIVE_INFINITY, 2000, 0);

  @Test
  void regionsMatchWhereTheSpeechWasPlaced() throws Exception {
    Path first =
        VadAudio.speak("The quick brown fox jumps over the lazy dog.", dir.resolve("a.wav"));
    Path second =
        VadAudio.speak("Voice activity detection keeps only the speech.", dir.resolve("b.wav"));
    double firstLength = seconds(first);
    double secondLength = seconds(second);
    Path clip = VadAudio.concat(dir.resolve("clip.wav"), List.of(2.0, first, 3.0, second, 2.0));

    // Truth: where each phrase was placed, trimmed of espeak-ng's own silence (silencedetect).
    double[] a = VadAudio.soundBounds(first, firstLength);
    double[] b = VadAudio.soundBounds(second, secondLength);
    double secondAt = 2.0 + firstLength + 3.0;
    double[][] truth = {{2.0 + a[0], 2.0 + a[1]}, {secondAt + b[0], secondAt + b[1]}};

    List<SpeechRegion> regions;
    try (WavReader.Samples samples = WavReader.open(clip)) {
      regions = vad.detect(samples, UNPADDED, null, null);
    }
    assertThat(regions).hasSize(2);
    for (int i = 0; i < 2; i++) {
      double startError = regions.get(i).startSeconds() - truth[i][0];
      double endError = regions.get(i).endSeconds() - truth[i][1];
      System.out.printf(
          "region %d: detected %.3f-%.3f s, truth %.3f-%.3f s, errors %+.0f / %+.0f ms%n",
          i,
          regions.get(i).startSeconds(),
          regions.get(i).endSeconds(),
          truth[i][0],
          truth[i][1],
          startError * 1000,
          endError * 1000);
      assertThat(Math.abs(startError)).as("start error of region %d", i).isLessThan(TOLERANCE_S);
      assertThat(Math.abs(endError)).as("end error of region %d", i).isLessThan(TOLERANCE_S);
    }
  }

  @Test
  void defaultPaddingWidensEachRegionBy400Ms() throws Exception {
    Path speech = VadAudio.speak("Padding keeps the edges of words.", dir.resolve("p.wav"));
    Path clip = VadAudio.concat(dir.resolve("padded.wav"), List.of(3.0, speech, 3.0));
    try (WavReader.Samples samples = WavReader.open(clip)) {
      SpeechRegion raw = vad.detect(samples, UNPADDED, null, null).get(0);
      SpeechRegion padded = vad.detect(samples, VadParameters.defaults(), null, null).get(0);
      assertThat(raw.start() - padded.start()).isEqualTo(6400);
      assertThat(padded.end() - raw.end()).isEqualTo(6400);
    }
  }

  @Test
  void pureSilenceHasNoSpeech() throws Exception {
    Path clip = VadAudio.silence(dir.resolve("silence.wav"), 10);
    try (WavReader.Samples samples = WavReader.open(clip)) {
      assertThat(vad.detect(samples, VadParameters.defaults(), null, null)).isEmpty();
    }
  }

  @Test
  void whiteNoiseHasNoSpeech() throws Exception {
    Path clip = VadAudio.noise(dir.resolve("noise.wav"), 10, 0.3);
    try (WavReader.Samples samples = WavReader.open(clip)) {
      assertThat(vad.detect(samples, VadParameters.defaults(), null, null)).isEmpty();
    }
  }

  @Test
  void aFileThatIsNoSileroModelIsRefusedClearly() throws Exception {
    Path bogus = Files.write(dir.resolve("bogus.onnx"), new byte[] {1, 2, 3});
    assertThatThrownBy(() -> SileroVad.load(bogus))
        .isInstanceOf(SileroVad.VadModelException.class)
        .hasMessageContaining("Cannot load the VAD model");
  }

  private static double seconds(Path wav) throws Exception {
    try (WavReader.Samples s = WavReader.open(wav)) {
      return s.sampleCount() / 16000.0;
    }
  }
}
