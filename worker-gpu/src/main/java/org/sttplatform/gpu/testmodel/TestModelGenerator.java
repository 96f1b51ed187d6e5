package org.sttplatform.gpu.testmodel;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes a random-weight multilingual Whisper model in the ggml format that whisper.cpp v1.7.1's
 * {@code whisper_model_load} accepts: magic, 11 int32 hyper-parameters, a Slaney mel filterbank, a
 * synthetic vocabulary and every tensor the loader expects (F16 matrices and conv weights, F32 1-D
 * tensors, positional embeddings and conv biases). The output runs real inference and produces
 * (meaningless) text; it exists for tests and benchmarks, since no real Whisper weights are
 * reachable from the build.
 *
 * <p>Command line: {@code --preset micro|tiny --out FILE [--seed N]}.
 */
public final class TestModelGenerator {

  /** Model dimensions. */
  public enum Preset {
    /** state 64, 2 heads, 1 layer: about 8 MB, for unit tests. */
    MICRO(64, 2, 1),
    /** state 384, 6 heads, 4 layers (the dimensions of Whisper tiny): about 78 MB. */
    TINY(384, 6, 4);

    final int state;
    final int heads;
    final int layers;

    Preset(int state, int heads, int layers) {
      this.state = state;
      this.heads = heads;
      this.layers = layers;
    }
  }

  static final int MAGIC = 0x67676d6c; // "ggml"
  static final int N_VOCAB = 51865; // multilingual
  static final int N_TEXT_TOKENS = 50257; // ids below the end-of-text token
  static final int FIRST_TIMESTAMP_TOKEN = 50364; // <|0.00|> of the multilingual vocabulary

  /**
   * Tuned by trial on espeak-ng speech: strong decoder positions keep the random decoder from
   * repeating one token until the length limit, and timestamp rows 1.5x the text rows make it emit
   * timestamps, so outputs have several short segments (and decode in ~0.05 s for micro).
   */
  private static final float DECODER_POSITION_SCALE = 1.0f;

  private static final float TIMESTAMP_SCALE = 1.5f;
  static final int N_AUDIO_CTX = 1500;
  static final int N_TEXT_CTX = 448;
  static final int N_MELS = 80;
  static final int N_FFT = 400;
  static final int SAMPLE_RATE = 16000;
  static final int FTYPE_F16 = 1;
  private static final int GGML_TYPE_F32 = 0;
  private static final int GGML_TYPE_F16 = 1;

  private TestModelGenerator() {}

  /** Command-line entry point. */
  public static void main(String[] args) throws IOException {
    Preset preset = null;
    Path out = null;
    long seed = 42;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (i + 1 >= args.length) {
        usage("missing value for " + a);
      }
      switch (a) {
        case "--preset" -> {
          String name = args[++i];
          try {
            preset = Preset.valueOf(name.toUpperCase(Locale.ROOT));
          } catch (IllegalArgumentException e) {
            usage("unknown preset " + name);
          }
        }
        case "--out" -> out = Path.of(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        default -> usage("unknown argument " + a);
      }
    }
    if (preset == null || out == null) {
      usage("--preset and --out are required");
    }
    long t0 = System.nanoTime();
    generate(preset, out, seed);
    System.out.printf(
        Locale.ROOT,
        "wrote %s (%s, seed %d): %d bytes in %.2f s%n",
        out,
        preset.name().toLowerCase(Locale.ROOT),
        seed,
        Files.size(out),
        (System.nanoTime() - t0) / 1e9);
  }

  private static void usage(String problem) {
    System.err.println(problem);
    System.err.println("usage: TestModelGenerator --preset micro|tiny --out FILE [--seed N]");
    System.exit(2);
  }

  /**
   * Writes the model to {@code out} (via a temporary file in the same directory, then moved into
   * place). The same preset and seed always give the same bytes.
   */
  public static void generate(Preset preset, Path out, long seed) throws IOException {
    Path dir = out.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, out.getFileName().toString(), ".part");
    try {
      try (LeWriter w =
          new LeWriter(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20))) {
        write(preset, w, new SplittableRandom(seed));
      }
      Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static void write(Preset p, LeWriter w, SplittableRandom rnd) throws IOException {
    int s = p.state;
    w.i32(MAGIC);
    for (int v :
        new int[] {
          N_VOCAB,
          N_AUDIO_CTX,
          s,
          p.heads,
          p.layers,
          N_TEXT_CTX,
          s,
          p.heads,
          p.layers,
          N_MELS,
          FTYPE_F16
        }) {
      w.i32(v);
    }
    // mel filters
    float[][] mel = slaneyMelFilterbank(SAMPLE_RATE, N_FFT, N_MELS);
    w.i32(N_MELS);
    w.i32(N_FFT / 2 + 1);
    for (float[] row : mel) {
      for (float v : row) {
        w.f32(v);
      }
    }
    // vocab
    List<byte[]> vocab = vocabulary(rnd.split());
    w.i32(vocab.size());
    for (byte[] token : vocab) {
      w.i32(token.length);
      w.bytes(token);
    }
    // encoder
    float posScale = 0.5f;
    tensorF32(
        w, "encoder.positional_embedding", sinusoids(N_AUDIO_CTX, s, posScale), s, N_AUDIO_CTX);
    tensorF16(w, rnd, "encoder.conv1.weight", 1.0f / (float) Math.sqrt(3.0 * N_MELS), 3, N_MELS, s);
    tensorF32Random(w, rnd, "encoder.conv1.bias", 0.02f, 1, s);
    tensorF16(w, rnd, "encoder.conv2.weight", 1.0f / (float) Math.sqrt(3.0 * s), 3, s, s);
    tensorF32Random(w, rnd, "encoder.conv2.bias", 0.02f, 1, s);
    for (int i = 0; i < p.layers; i++) {
      block(w, rnd, "encoder.blocks." + i + ".", s, false);
    }
    tensorF32Const(w, "encoder.ln_post.weight", 1f, s);
    tensorF32Const(w, "encoder.ln_post.bias", 0f, s);
    // decoder
    tensorF32Random(w, rnd, "decoder.positional_embedding", DECODER_POSITION_SCALE, s, N_TEXT_CTX);
    tokenEmbedding(w, rnd, s, TIMESTAMP_SCALE);
    for (int i = 0; i < p.layers; i++) {
      block(w, rnd, "decoder.blocks." + i + ".", s, true);
    }
    tensorF32Const(w, "decoder.ln.weight", 1f, s);
    tensorF32Const(w, "decoder.ln.bias", 0f, s);
  }

  /**
   * The token embedding (also the output projection): uniform in [-0.5, 0.5], with the rows of the
   * timestamp tokens scaled by {@code timestampScale} so that timestamps compete with text tokens.
   */
  private static void tokenEmbedding(LeWriter w, SplittableRandom rnd, int s, float timestampScale)
      throws IOException {
    header(w, "decoder.token_embedding.weight", GGML_TYPE_F16, s, N_VOCAB);
    for (int token = 0; token < N_VOCAB; token++) {
      float scale = token >= FIRST_TIMESTAMP_TOKEN ? 0.5f * timestampScale : 0.5f;
      for (int i = 0; i < s; i++) {
        w.i16(floatToHalf((float) ((rnd.nextDouble() * 2 - 1) * scale)));
      }
    }
  }

  private static void block(LeWriter w, SplittableRandom rnd, String pre, int s, boolean cross)
      throws IOException {
    float a = 1.0f / (float) Math.sqrt(s);
    float a4 = 1.0f / (float) Math.sqrt(4.0 * s);
    tensorF32Const(w, pre + "mlp_ln.weight", 1f, s);
    tensorF32Const(w, pre + "mlp_ln.bias", 0f, s);
    tensorF16(w, rnd, pre + "mlp.0.weight", a, s, 4 * s);
    tensorF32Random(w, rnd, pre + "mlp.0.bias", 0.02f, 4 * s);
    tensorF16(w, rnd, pre + "mlp.2.weight", a4, 4 * s, s);
    tensorF32Random(w, rnd, pre + "mlp.2.bias", 0.02f, s);
    attention(w, rnd, pre + "attn", s, a);
    if (cross) {
      attention(w, rnd, pre + "cross_attn", s, a);
    }
  }

  private static void attention(LeWriter w, SplittableRandom rnd, String pre, int s, float a)
      throws IOException {
    tensorF32Const(w, pre + "_ln.weight", 1f, s);
    tensorF32Const(w, pre + "_ln.bias", 0f, s);
    tensorF16(w, rnd, pre + ".query.weight", a, s, s);
    tensorF32Random(w, rnd, pre + ".query.bias", 0.02f, s);
    tensorF16(w, rnd, pre + ".key.weight", a, s, s);
    tensorF16(w, rnd, pre + ".value.weight", a, s, s);
    tensorF32Random(w, rnd, pre + ".value.bias", 0.02f, s);
    tensorF16(w, rnd, pre + ".out.weight", a, s, s);
    tensorF32Random(w, rnd, pre + ".out.bias", 0.02f, s);
  }

  private static void header(LeWriter w, String name, int type, int... ne) throws IOException {
    byte[] n = name.getBytes(StandardCharsets.US_ASCII);
    w.i32(ne.length);
    w.i32(n.length);
    w.i32(type);
    for (int d : ne) {
      w.i32(d);
    }
    w.bytes(n);
  }

  private static long count(int... ne) {
    long c = 1;
    for (int d : ne) {
      c *= d;
    }
    return c;
  }

  /** F16 tensor with uniform random values in [-scale, scale]. */
  private static void tensorF16(
      LeWriter w, SplittableRandom rnd, String name, float scale, int... ne) throws IOException {
    header(w, name, GGML_TYPE_F16, ne);
    long n = count(ne);
    for (long i = 0; i < n; i++) {
      w.i16(floatToHalf((float) ((rnd.nextDouble() * 2 - 1) * scale)));
    }
  }

  private static void tensorF32Random(
      LeWriter w, SplittableRandom rnd, String name, float scale, int... ne) throws IOException {
    header(w, name, GGML_TYPE_F32, ne);
    long n = count(ne);
    for (long i = 0; i < n; i++) {
      w.f32((float) ((rnd.nextDouble() * 2 - 1) * scale));
    }
  }

  private static void tensorF32Const(LeWriter w, String name, float value, int... ne)
      throws IOException {
    header(w, name, GGML_TYPE_F32, ne);
    long n = count(ne);
    for (long i = 0; i < n; i++) {
      w.f32(value);
    }
  }

  private static void tensorF32(LeWriter w, String name, float[] data, int... ne)
      throws IOException {
    header(w, name, GGML_TYPE_F32, ne);
    if (data.length != count(ne)) {
      throw new IllegalArgumentException(name);
    }
    for (float v : data) {
      w.f32(v);
    }
  }

  /** Whisper's sinusoidal encoder positions, row-major [ctx][state], scaled. */
  static float[] sinusoids(int length, int channels, float scale) {
    float[] out = new float[length * channels];
    int half = channels / 2;
    double logInc = Math.log(10000) / (half - 1);
    for (int t = 0; t < length; t++) {
      for (int i = 0; i < half; i++) {
        double x = t * Math.exp(-logInc * i);
        out[t * channels + i] = (float) (Math.sin(x) * scale);
        out[t * channels + half + i] = (float) (Math.cos(x) * scale);
      }
    }
    return out;
  }

  /**
   * 256 single-byte tokens, then synthetic word pieces (most with a leading space, so decoded text
   * splits into words), unique, {@link #N_TEXT_TOKENS} in total.
   */
  static List<byte[]> vocabulary(SplittableRandom rnd) {
    List<byte[]> out = new ArrayList<>(N_TEXT_TOKENS);
    for (int b = 0; b < 256; b++) {
      out.add(new byte[] {(byte) b});
    }
    String[] onsets = {
      "b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z", "br",
      "st", "tr", "ch", "sh", "th", "pl", "gr"
    };
    String[] vowels = {"a", "e", "i", "o", "u", "ai", "ou", "ee"};
    String[] codas = {"", "n", "r", "s", "t", "l", "m", "nd", "ck"};
    String[] punct = {".", ",", "?", "!"};
    LinkedHashSet<String> pieces = new LinkedHashSet<>();
    while (pieces.size() < N_TEXT_TOKENS - 256) {
      int syllables = 1 + rnd.nextInt(3);
      StringBuilder sb = new StringBuilder();
      int kind = rnd.nextInt(20);
      if (kind < 15) {
        sb.append(' ');
      }
      for (int i = 0; i < syllables; i++) {
        sb.append(onsets[rnd.nextInt(onsets.length)])
            .append(vowels[rnd.nextInt(vowels.length)])
            .append(codas[rnd.nextInt(codas.length)]);
      }
      if (kind == 19) {
        sb.append(punct[rnd.nextInt(punct.length)]);
      }
      if (kind == 0) {
        sb.setCharAt(1, Character.toUpperCase(sb.charAt(1)));
      }
      pieces.add(sb.toString());
    }
    for (String piece : pieces) {
      out.add(piece.getBytes(StandardCharsets.UTF_8));
    }
    return out;
  }

  /**
   * Slaney-style mel filterbank with Slaney area normalisation, as {@code
   * librosa.filters.mel(sr=sr, n_fft=nFft, n_mels=nMels)} (htk=False, norm="slaney").
   */
  public static float[][] slaneyMelFilterbank(int sr, int nFft, int nMels) {
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

  private static final double F_SP = 200.0 / 3;
  private static final double MIN_LOG_HZ = 1000.0;
  private static final double MIN_LOG_MEL = MIN_LOG_HZ / F_SP;
  private static final double LOGSTEP = Math.log(6.4) / 27.0;

  static double hzToMel(double hz) {
    return hz >= MIN_LOG_HZ ? MIN_LOG_MEL + Math.log(hz / MIN_LOG_HZ) / LOGSTEP : hz / F_SP;
  }

  static double melToHz(double mel) {
    return mel >= MIN_LOG_MEL ? MIN_LOG_HZ * Math.exp(LOGSTEP * (mel - MIN_LOG_MEL)) : F_SP * mel;
  }

  /** IEEE 754 binary32 to binary16, round to nearest even; overflow gives infinity. */
  public static short floatToHalf(float f) {
    int bits = Float.floatToRawIntBits(f);
    int sign = (bits >>> 16) & 0x8000;
    int exp = (bits >>> 23) & 0xff;
    int mant = bits & 0x7fffff;
    if (exp == 0xff) { // inf or NaN
      return (short) (sign | 0x7c00 | (mant != 0 ? 0x200 | (mant >>> 13) : 0));
    }
    int e = exp - 127 + 15;
    if (e >= 0x1f) {
      return (short) (sign | 0x7c00);
    }
    if (e <= 0) { // subnormal or zero
      if (e < -10) {
        return (short) sign;
      }
      int m = mant | 0x800000;
      int shift = 14 - e;
      int half = m >>> shift;
      int rem = m & ((1 << shift) - 1);
      int mid = 1 << (shift - 1);
      if (rem > mid || (rem == mid && (half & 1) != 0)) {
        half++;
      }
      return (short) (sign | half);
    }
    int half = (e << 10) | (mant >>> 13);
    int rem = mant & 0x1fff;
    if (rem > 0x1000 || (rem == 0x1000 && (half & 1) != 0)) {
      half++; // may carry into the exponent, which is correct (up to infinity)
    }
    return (short) (sign | half);
  }

  /** IEEE 754 binary16 to binary32. */
  public static float halfToFloat(short h) {
    int sign = (h & 0x8000) << 16;
    int exp = (h >>> 10) & 0x1f;
    int mant = h & 0x3ff;
    if (exp == 0x1f) {
      return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
    }
    if (exp == 0) {
      float v = mant / 1024.0f / 16384.0f;
      return sign != 0 ? -v : v;
    }
    return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
  }

  /** Little-endian primitive writer over a buffered stream. */
  private static final class LeWriter implements AutoCloseable {
    private final OutputStream out;
    private final ByteBuffer buf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);

    LeWriter(OutputStream out) {
      this.out = out;
    }

    void i32(int v) throws IOException {
      buf.clear();
      buf.putInt(v);
      out.write(buf.array(), 0, 4);
    }

    void f32(float v) throws IOException {
      i32(Float.floatToRawIntBits(v));
    }

    void i16(short v) throws IOException {
      out.write(v & 0xff);
      out.write((v >>> 8) & 0xff);
    }

    void bytes(byte[] b) throws IOException {
      out.write(b);
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }
}
