package org.sttplatform.gpu.testmodel;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Writes the little-endian bytes of a ggml model file over a buffered stream: primitives, and
 * tensor records (header, then the values) holding a constant, given data or uniform random values.
 */
final class GgmlWriter implements AutoCloseable {

  private static final int GGML_TYPE_F32 = 0;
  static final int GGML_TYPE_F16 = 1;

  private final OutputStream out;
  private final ByteBuffer buf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);

  GgmlWriter(OutputStream out) {
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

  /** {@code v} as an F16 value. */
  void f16(float v) throws IOException {
    i16(HalfPrecision.floatToHalf(v));
  }

  void bytes(byte[] b) throws IOException {
    out.write(b);
  }

  /** A tensor's header: dimension count, name length, type, the dimensions, the name. */
  void header(String name, int type, int... ne) throws IOException {
    byte[] n = name.getBytes(StandardCharsets.US_ASCII);
    i32(ne.length);
    i32(n.length);
    i32(type);
    for (int d : ne) {
      i32(d);
    }
    bytes(n);
  }

  /** F16 tensor with uniform random values in [-scale, scale]. */
  void tensorF16(SplittableRandom rnd, String name, float scale, int... ne) throws IOException {
    header(name, GGML_TYPE_F16, ne);
    long n = count(ne);
    for (long i = 0; i < n; i++) {
      f16((float) ((rnd.nextDouble() * 2 - 1) * scale));
    }
  }

  void tensorF32Random(SplittableRandom rnd, String name, float scale, int... ne)
      throws IOException {
    header(name, GGML_TYPE_F32, ne);
    long n = count(ne);
    for (long i = 0; i < n; i++) {
      f32((float) ((rnd.nextDouble() * 2 - 1) * scale));
    }
  }

  void tensorF32Const(String name, float value, int... ne) throws IOException {
    header(name, GGML_TYPE_F32, ne);
    long n = count(ne);
    for (long i = 0; i < n; i++) {
      f32(value);
    }
  }

  void tensorF32(String name, float[] data, int... ne) throws IOException {
    header(name, GGML_TYPE_F32, ne);
    if (data.length != count(ne)) {
      throw new IllegalArgumentException(name);
    }
    for (float v : data) {
      f32(v);
    }
  }

  private static long count(int... ne) {
    long c = 1;
    for (int d : ne) {
      c *= d;
    }
    return c;
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
