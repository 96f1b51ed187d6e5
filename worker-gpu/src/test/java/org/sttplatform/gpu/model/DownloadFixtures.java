package org.sttplatform.gpu.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Fake model files and a gated HTTP client for tests of model downloads: the bytes of a file that
 * passes the ggml header check, its SHA-1, and a client that holds each request until the test lets
 * it through.
 */
public final class DownloadFixtures {

  /** Callers wait in 50 ms slices (not 1 s), so listeners hear about short test downloads. */
  static final Duration SLICE = Duration.ofMillis(50);

  private DownloadFixtures() {}

  public static okhttp3.OkHttpClient gatedClient(CountDownLatch requested, CountDownLatch gate) {
    return ModelStore.defaultClient()
        .newBuilder()
        .addInterceptor(
            chain -> {
              requested.countDown();
              try {
                if (!gate.await(30, TimeUnit.SECONDS)) {
                  throw new IOException("the test never opened the gate");
                }
              } catch (InterruptedException e) {
                throw new java.io.InterruptedIOException("interrupted at the gate");
              }
              return chain.proceed(chain.request());
            })
        .build();
  }

  static byte[] randomBytes(int size) {
    byte[] bytes = new byte[size];
    new Random(42).nextBytes(bytes);
    return bytes;
  }

  /** {@code size} bytes that start with a valid ggml whisper header (tiny's hyper-parameters). */
  public static byte[] modelBytes(int size) {
    byte[] bytes = randomBytes(size);
    ByteBuffer header = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    header.putInt(0x67676d6c);
    for (int value : new int[] {51865, 1500, 384, 6, 4, 448, 384, 6, 4, 80, 1}) {
      header.putInt(value);
    }
    return bytes;
  }

  public static String sha1(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
  }
}
