package org.sttplatform.gpu.testmodel;

import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;
import org.sttplatform.gpu.testmodel.TestModelGenerator.Preset;

/**
 * The sections of the model file in the order whisper.cpp v1.7.1's {@code whisper_model_load} reads
 * them (magic, hyper-parameters, mel filters, vocabulary, encoder and decoder tensors), and the
 * values that fill them.
 */
final class ModelLayout {

  static final int MAGIC = 0x67676d6c; // "ggml"
  static final int N_VOCAB = 51865; // multilingual
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

  private ModelLayout() {}

  static void write(Preset p, GgmlWriter w, SplittableRandom rnd) throws IOException {
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
    float[][] mel = SlaneyMel.filterbank(SAMPLE_RATE, N_FFT, N_MELS);
    w.i32(N_MELS);
    w.i32(N_FFT / 2 + 1);
    for (float[] row : mel) {
      for (float v : row) {
        w.f32(v);
      }
    }
    // vocab
    List<byte[]> vocab = SyntheticVocabulary.vocabulary(rnd.split());
    w.i32(vocab.size());
    for (byte[] token : vocab) {
      w.i32(token.length);
      w.bytes(token);
    }
    // encoder
    float posScale = 0.5f;
    w.tensorF32(
        "encoder.positional_embedding", sinusoids(N_AUDIO_CTX, s, posScale), s, N_AUDIO_CTX);
    w.tensorF16(rnd, "encoder.conv1.weight", 1.0f / (float) Math.sqrt(3.0 * N_MELS), 3, N_MELS, s);
    w.tensorF32Random(rnd, "encoder.conv1.bias", 0.02f, 1, s);
    w.tensorF16(rnd, "encoder.conv2.weight", 1.0f / (float) Math.sqrt(3.0 * s), 3, s, s);
    w.tensorF32Random(rnd, "encoder.conv2.bias", 0.02f, 1, s);
    for (int i = 0; i < p.layers; i++) {
      block(w, rnd, "encoder.blocks." + i + ".", s, false);
    }
    w.tensorF32Const("encoder.ln_post.weight", 1f, s);
    w.tensorF32Const("encoder.ln_post.bias", 0f, s);
    // decoder
    w.tensorF32Random(rnd, "decoder.positional_embedding", DECODER_POSITION_SCALE, s, N_TEXT_CTX);
    tokenEmbedding(w, rnd, s, TIMESTAMP_SCALE);
    for (int i = 0; i < p.layers; i++) {
      block(w, rnd, "decoder.blocks." + i + ".", s, true);
    }
    w.tensorF32Const("decoder.ln.weight", 1f, s);
    w.tensorF32Const("decoder.ln.bias", 0f, s);
  }

  /**
   * The token embedding (also the output projection): uniform in [-0.5, 0.5], with the rows of the
   * timestamp tokens scaled by {@code timestampScale} so that timestamps compete with text tokens.
   */
  private static void tokenEmbedding(
      GgmlWriter w, SplittableRandom rnd, int s, float timestampScale) throws IOException {
    w.header("decoder.token_embedding.weight", GgmlWriter.GGML_TYPE_F16, s, N_VOCAB);
    for (int token = 0; token < N_VOCAB; token++) {
      float scale = token >= FIRST_TIMESTAMP_TOKEN ? 0.5f * timestampScale : 0.5f;
      for (int i = 0; i < s; i++) {
        w.f16((float) ((rnd.nextDouble() * 2 - 1) * scale));
      }
    }
  }

  private static void block(GgmlWriter w, SplittableRandom rnd, String pre, int s, boolean cross)
      throws IOException {
    float a = 1.0f / (float) Math.sqrt(s);
    float a4 = 1.0f / (float) Math.sqrt(4.0 * s);
    w.tensorF32Const(pre + "mlp_ln.weight", 1f, s);
    w.tensorF32Const(pre + "mlp_ln.bias", 0f, s);
    w.tensorF16(rnd, pre + "mlp.0.weight", a, s, 4 * s);
    w.tensorF32Random(rnd, pre + "mlp.0.bias", 0.02f, 4 * s);
    w.tensorF16(rnd, pre + "mlp.2.weight", a4, 4 * s, s);
    w.tensorF32Random(rnd, pre + "mlp.2.bias", 0.02f, s);
    attention(w, rnd, pre + "attn", s, a);
    if (cross) {
      attention(w, rnd, pre + "cross_attn", s, a);
    }
  }

  private static void attention(GgmlWriter w, SplittableRandom rnd, String pre, int s, float a)
      throws IOException {
    w.tensorF32Const(pre + "_ln.weight", 1f, s);
    w.tensorF32Const(pre + "_ln.bias", 0f, s);
    w.tensorF16(rnd, pre + ".query.weight", a, s, s);
    w.tensorF32Random(rnd, pre + ".query.bias", 0.02f, s);
    w.tensorF16(rnd, pre + ".key.weight", a, s, s);
    w.tensorF16(rnd, pre + ".value.weight", a, s, s);
    w.tensorF32Random(rnd, pre + ".value.bias", 0.02f, s);
    w.tensorF16(rnd, pre + ".out.weight", a, s, s);
    w.tensorF32Random(rnd, pre + ".out.bias", 0.02f, s);
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
}
