package org.sttplatform.gpu.testmodel;

/**
 * The Slaney mel scale and the mel filterbank built on it, as librosa computes them; the model file
 * carries the filterbank whisper.cpp applies to the audio spectrum.
 */
final class SlaneyMel {

  private static final double F_SP = 200.0 / 3;
  private static final double MIN_LOG_HZ = 1000.0;
  private static final double MIN_LOG_MEL = MIN_LOG_HZ / F_SP;
  private static final double LOGSTEP = Math.log(6.4) / 27.0;

  private SlaneyMel() {}

  /**
   * Slaney-style mel filterbank with Slaney area normalisation, as {@code
   * librosa.filters.mel(sr=sr, n_fft=nFft, n_mels=nMels)} (htk=False, norm="slaney").
   */
  static float[][] filterbank(int sr, int nFft, int nMels) {
    int nBins = nFft / 2 + 1;
    double[] fft = new double[nBins];
    for (int i = 0; i < nBins; i++) {
      fft[i] = (double) i * sr / nFft;
    }
    double minMel = hzToMel(0);
    double maxMel = hzToMel(sr / 2.0);
    double[] melF = new double[nMels + 2];
    for (int i = 0; i < nMels + 2; i++) {
      melF[i] = melToHz(minMel + (maxMel - minMel) * i / (nMels + 1));
    }
    float[][] w = new float[nMels][nBins];
    for (int m = 0; m < nMels; m++) {
      double fdiffLo = melF[m + 1] - melF[m];
      double fdiffHi = melF[m + 2] - melF[m + 1];
      double enorm = 2.0 / (melF[m + 2] - melF[m]);
      for (int k = 0; k < nBins; k++) {
        double lower = (fft[k] - melF[m]) / fdiffLo;
        double upper = (melF[m + 2] - fft[k]) / fdiffHi;
        w[m][k] = (float) (Math.max(0, Math.min(lower, upper)) * enorm);
      }
    }
    return w;
  }

  static double hzToMel(double hz) {
    return hz >= MIN_LOG_HZ ? MIN_LOG_MEL + Math.log(hz / MIN_LOG_HZ) / LOGSTEP : hz / F_SP;
  }

  static double melToHz(double mel) {
    return mel >= MIN_LOG_MEL ? MIN_LOG_HZ * Math.exp(LOGSTEP * (mel - MIN_LOG_MEL)) : F_SP * mel;
  }
}
