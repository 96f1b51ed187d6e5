package org.sttplatform.gpu.vad;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;
import org.sttplatform.gpu.whisper.AudioSource;

/**
 * Silero VAD (v5 or v6 ONNX) through ONNX Runtime: one speech probability per 32 ms window of 16
 * kHz audio, turned into speech regions by {@link SpeechSegmenter}.
 *
 * <p>The model is recurrent: each call takes 512 new samples preceded by the previous window's last
 * 64 (its context; zeros at the start) plus the state tensor {@code [2, 1, 128]} returned by the
 * previous call, as silero-vad's own {@code OnnxWrapper} does; the last window is zero-padded. The
 * audio is read window by window from an {@link AudioSource}, so memory stays bounded whatever its
 * length. The session is thread safe; {@link #detect} keeps its state on the caller's stack.
 */
public final class SileroVad implements AutoCloseable {

  /** New samples per model call at 16 kHz. */
  public static final int WINDOW = 512;

  /** Samples of the previous window prepended to each call. */
  public static final int CONTEXT = 64;

  private static final int STATE = 128;
  private static final int READ_WINDOWS = 64; // windows read from the source at a time

  private final OrtEnvironment env;
  private final OrtSession session;
  private final Path file;

  private SileroVad(OrtEnvironment env, OrtSession session, Path file) {
    this.env = env;
    this.session = session;
    this.file = file;
  }

  /** The model could not be loaded or is not a Silero v5/v6 model. */
  public static final class VadModelException extends IOException {
    private static final long serialVersionUID = 1L;

    VadModelException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Loads the model and checks its interface: inputs {@code input} (float [batch, samples]), {@code
   * state} (float [2, batch, 128]) and {@code sr} (int64 scalar); outputs {@code output} and {@code
   * stateN}.
   *
   * @throws VadModelException if ONNX Runtime cannot load the file or its inputs and outputs differ
   */
  public static SileroVad load(Path file) throws VadModelException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    OrtSession session;
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      // One window is tiny: extra threads only add synchronisation and steal whisper's cores.
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      session = env.createSession(file.toString(), options);
    } catch (OrtException e) {
      throw new VadModelException(
          "Cannot load the VAD model " + file + " with ONNX Runtime: " + e.getMessage(), e);
    }
    try {
      check(file, session);
    } catch (OrtException | VadModelException e) {
      close(session);
      throw e instanceof VadModelException v
          ? v
          : new VadModelException("Cannot read the inputs of " + file + ": " + e.getMessage(), e);
    }
    return new SileroVad(env, session, file);
  }

  private static void check(Path file, OrtSession session) throws OrtException, VadModelException {
    Map<String, NodeInfo> in = session.getInputInfo();
    Map<String, NodeInfo> out = session.getOutputInfo();
    boolean ok =
        in.keySet().equals(java.util.Set.of("input", "state", "sr"))
            && out.keySet().equals(java.util.Set.of("output", "stateN"))
            && rank(in.get("input")) == 2
            && rank(in.get("state")) == 3
            && rank(in.get("sr")) == 0;
    if (!ok) {
      throw new VadModelException(
          file
              + " is not a Silero VAD v5/v6 model: expected inputs [input (float [batch, samples]),"
              + " state (float [2, batch, 128]), sr (int64)] and outputs [output, stateN], found"
              + " inputs "
              + in.keySet()
              + " and outputs "
              + out.keySet(),
          null);
    }
  }

  private static int rank(NodeInfo info) {
    return info.getInfo() instanceof TensorInfo t ? t.getShape().length : -1;
  }

  /** The model file. */
  public Path file() {
    return file;
  }

  /**
   * Speech regions of {@code audio} (16 kHz mono).
   *
   * @param progress receives the share of audio done, 0 to 1 (may be {@code null})
   * @param stopRequested polled between reads; true ends the scan with a {@link
   *     java.util.concurrent.CancellationException}
   * @throws IOException if the audio cannot be read or the model fails
   */
  public List<SpeechRegion> detect(
      AudioSource audio,
      VadParameters parameters,
      DoubleConsumer progress,
      BooleanSupplier stopRequested)
      throws IOException {
    Objects.requireNonNull(parameters, "parameters");
    SpeechSegmenter segmenter = new SpeechSegmenter(parameters, WINDOW);
    probabilities(audio, segmenter::accept, progress, stopRequested);
    return segmenter.finish(audio.sampleCount());
  }

  /** A sink of one probability per window. */
  @FunctionalInterface
  public interface ProbabilitySink {
    /** The next window's speech probability. */
    void accept(float probability);
  }

  /**
   * Feeds the speech probability of every 512-sample window, in order, to {@code sink}.
   *
   * @throws IOException if the audio cannot be read or the model fails
   */
  public void probabilities(
      AudioSource audio,
      ProbabilitySink sink,
      DoubleConsumer progress,
      BooleanSupplier stopRequested)
      throws IOException {
    long total = audio.sampleCount();
    float[] block = new float[WINDOW * READ_WINDOWS];
    float[] input = new float[CONTEXT + WINDOW]; // context, then the window
    float[] state = new float[2 * STATE];
    try (OnnxTensor sr = OnnxTensor.createTensor(env, (long) SpeechRegion.SAMPLE_RATE)) {
      for (long from = 0; from < total; from += block.length) {
        if (stopRequested != null && stopRequested.getAsBoolean()) {
          throw new java.util.concurrent.CancellationException("VAD stopped");
        }
        int n = (int) Math.min(block.length, total - from);
        audio.read(from, block, 0, n);
        for (int w = 0; w < n; w += WINDOW) {
          System.arraycopy(input, WINDOW, input, 0, CONTEXT); // last 64 samples become context
          int len = Math.min(WINDOW, n - w);
          System.arraycopy(block, w, input, CONTEXT, len);
          java.util.Arrays.fill(input, CONTEXT + len, input.length, 0f);
          sink.accept(run(input, state, sr));
        }
        if (progress != null) {
          progress.accept(Math.min(1.0, (from + n) / (double) total));
        }
      }
    } catch (OrtException e) {
      throw new IOException("Silero VAD failed on " + file + ": " + e.getMessage(), e);
    }
  }

  private float run(float[] input, float[] state, OnnxTensor sr) throws OrtException {
    try (OnnxTensor x =
            OnnxTensor.createTensor(env, FloatBuffer.wrap(input), new long[] {1, input.length});
        OnnxTensor h =
            OnnxTensor.createTensor(env, FloatBuffer.wrap(state), new long[] {2, 1, STATE});
        OrtSession.Result result = session.run(Map.of("input", x, "state", h, "sr", sr))) {
      float probability = ((OnnxTensor) result.get("output").get()).getFloatBuffer().get(0);
      OnnxValue next = result.get("stateN").get();
      ((OnnxTensor) next).getFloatBuffer().get(state);
      return probability;
    }
  }

  @Override
  public void close() {
    close(session);
  }

  private static void close(OrtSession session) {
    try {
      session.close();
    } catch (OrtException ignored) {
      // nothing left to release on a failed close
    }
  }
}
