package org.sttplatform.gpu.whisper;

import java.nio.file.Path;

/**
 * How a {@link WhisperCppRecognizer} loads its model.
 *
 * @param useGpu ask whisper.cpp for its GPU backend (no effect with the bundled CPU build)
 * @param gpuDevice GPU device index (CUDA device)
 * @param flashAttention whisper.cpp {@code flash_attn}
 * @param poolSize maximum concurrent {@code recognize} calls (one whisper_state each, created
 *     lazily); further callers wait
 * @param threads CPU threads used when {@link RecognitionSettings#threads()} is not positive
 * @param nativeLibraryDir directory with a whisper.cpp v1.7.1 build ({@code libwhisper.so} and its
 *     {@code libggml*.so}) replacing the bundled CPU build, or {@code null} for the default (see
 *     {@link WhisperLibraryLoader#load()})
 * @param modelName name reported as {@link SpeechRecognizer#modelName()}, or {@code null} to use
 *     the model file name without {@code ggml-} prefix and {@code .bin} suffix
 */
public record WhisperOptions(
    boolean useGpu,
    int gpuDevice,
    boolean flashAttention,
    int poolSize,
    int threads,
    Path nativeLibraryDir,
    String modelName) {

  public WhisperOptions {
    if (poolSize < 1) {
      throw new IllegalArgumentException("poolSize must be >= 1: " + poolSize);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1: " + threads);
    }
    if (gpuDevice < 0) {
      throw new IllegalArgumentException("gpuDevice must be >= 0: " + gpuDevice);
    }
  }

  /** CPU, one state, {@code min(4, cores)} threads, bundled library, name from the file. */
  public static WhisperOptions defaults() {
    return new WhisperOptions(
        false, 0, false, 1, Math.min(4, Runtime.getRuntime().availableProcessors()), null, null);
  }

  public WhisperOptions withGpu(boolean useGpu, int gpuDevice) {
    return new WhisperOptions(
        useGpu, gpuDevice, flashAttention, poolSize, threads, nativeLibraryDir, modelName);
  }

  public WhisperOptions withFlashAttention(boolean flashAttention) {
    return new WhisperOptions(
        useGpu, gpuDevice, flashAttention, poolSize, threads, nativeLibraryDir, modelName);
  }

  public WhisperOptions withPoolSize(int poolSize) {
    return new WhisperOptions(
        useGpu, gpuDevice, flashAttention, poolSize, threads, nativeLibraryDir, modelName);
  }

  public WhisperOptions withThreads(int threads) {
    return new WhisperOptions(
        useGpu, gpuDevice, flashAttention, poolSize, threads, nativeLibraryDir, modelName);
  }

  public WhisperOptions withNativeLibraryDir(Path nativeLibraryDir) {
    return new WhisperOptions(
        useGpu, gpuDevice, flashAttention, poolSize, threads, nativeLibraryDir, modelName);
  }

  public WhisperOptions withModelName(String modelName) {
    return new WhisperOptions(
        useGpu, gpuDevice, flashAttention, poolSize, threads, nativeLibraryDir, modelName);
  }
}
