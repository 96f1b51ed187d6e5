package org.sttplatform.gpu.testmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttplatform.gpu.testmodel.TestModelGenerator.Preset;

class TestModelGeneratorTest {

  @TempDir Path dir;

  @Test
  void halfPrecisionConversion() {
    assertThat(HalfPrecision.floatToHalf(1.0f)).isEqualTo((short) 0x3c00);
    assertThat(HalfPrecision.floatToHalf(-2.0f)).isEqualTo((short) 0xc000);
    assertThat(HalfPrecision.floatToHalf(65504f)).isEqualTo((short) 0x7bff);
    assertThat(HalfPrecision.floatToHalf(1e6f)).isEqualTo((short) 0x7c00);
    assertThat(HalfPrecision.floatToHalf(0.1f)).isEqualTo((short) 0x2e66);
    assertThat(HalfPrecision.floatToHalf(5.9604645e-8f)).isEqualTo((short) 0x0001);
    assertThat(HalfPrecision.floatToHalf(1e-9f)).isEqualTo((short) 0);
    assertThat(HalfPrecision.floatToHalf(-0.0f)).isEqualTo((short) 0x8000);
    assertThat(HalfPrecision.floatToHalf(Float.NaN) & 0x7c00).isEqualTo(0x7c00);
    for (float f = -3f; f < 3f; f += 0.001f) {
      float back = HalfPrecision.halfToFloat(HalfPrecision.floatToHalf(f));
      assertThat(back).isCloseTo(f, within(Math.abs(f) / 1024 + 1e-7f));
    }
  }

  @Test
  void slaneyMelFilterbankShape() {
    float[][] mel = SlaneyMel.filterbank(16000, 400, 80);
    assertThat(mel).hasNumberOfRows(80);
    int prevPeak = -1;
    for (float[] row : mel) {
      assertThat(row).hasSize(201);
      int peak = 0;
      for (int k = 0; k < row.length; k++) {
        assertThat(row[k]).isGreaterThanOrEqualTo(0f);
        if (row[k] > row[peak]) {
          peak = k;
        }
      }
      assertThat(peak).isGreaterThanOrEqualTo(prevPeak);
      prevPeak = peak;
    }
    // Slaney normalisation gives every triangle unit area in Hz: sum(weights) * bin width = 1
    // (filters narrower than a few FFT bins are sampled too coarsely for that to hold exactly)
    double binHz = 16000.0 / 400;
    for (int m = 20; m < 80; m++) {
      double area = 0;
      for (float w : mel[m]) {
        area += w * binHz;
      }
      assertThat(area).as("area of filter %d", m).isCloseTo(1.0, within(0.1));
    }
    // values of an independent numpy transcription of librosa.filters.mel(sr=16000, n_fft=400,
    // n_mels=80) (librosa itself is not installable here)
    assertThat(mel[0][1]).isCloseTo(0.024862594f, within(1e-7f));
    assertThat(mel[79][196]).isCloseTo(0.0017950361f, within(1e-7f));
    // the top filter ends at Nyquist; Slaney mel of 8000 Hz is 15 + ln(8) / (ln(6.4) / 27)
    assertThat(SlaneyMel.hzToMel(8000)).isCloseTo(45.245640471924965, within(1e-9));
    assertThat(SlaneyMel.melToHz(SlaneyMel.hzToMel(440))).isCloseTo(440.0, within(1e-9));
  }

  @Test
  void microModelHasTheExpectedHeaderAndSize() throws Exception {
    Path out = dir.resolve("micro.bin");
    TestModelGenerator.generate(Preset.MICRO, out, 7);
    long size = Files.size(out);
    assertThat(size).isBetween(7_500_000L, 8_500_000L);
    ByteBuffer b = ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN);
    try (var ch = Files.newByteChannel(out)) {
      ch.read(b);
    }
    b.flip();
    assertThat(b.getInt()).isEqualTo(0x67676d6c);
    int[] expected = {51865, 1500, 64, 2, 1, 448, 64, 2, 1, 80, 1};
    for (int v : expected) {
      assertThat(b.getInt()).isEqualTo(v);
    }
    Path again = dir.resolve("again.bin");
    TestModelGenerator.generate(Preset.MICRO, again, 7);
    assertThat(Files.mismatch(out, again)).isEqualTo(-1L);
  }
}
