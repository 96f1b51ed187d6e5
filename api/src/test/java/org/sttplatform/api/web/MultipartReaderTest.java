package org.sttplatform.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.apache.tomcat.util.http.fileupload.impl.SizeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

class MultipartReaderTest {
  private static final String BOUNDARY = "------------------------a1b2c3d4e5f6";
  private static final MultipartReader.Limits LIMITS =
      new MultipartReader.Limits(10 << 20, 11 << 20, 2048, 50, 1 << 20);

  @TempDir Path dir;

  /** A body as curl writes it: fields and files in order, CRLF line ends. */
  private static byte[] body(Object... nameValueOrFile) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < nameValueOrFile.length; i += 2) {
      String name = (String) nameValueOrFile[i];
      Object value = nameValueOrFile[i + 1];
      out.write(("--" + BOUNDARY + "\r\n").getBytes(StandardCharsets.UTF_8));
      if (value instanceof byte[] bytes) {
        out.write(
            ("Content-Disposition: form-data; name=\""
                    + name
                    + "\"; filename=\"a.wav\"\r\n"
                    + "Content-Type: audio/wav\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        out.write(bytes);
      } else {
        out.write(
            ("Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value)
                .getBytes(StandardCharsets.UTF_8));
      }
      out.write("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    out.write(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  /** Hands out at most {@code step} bytes per read, so every boundary straddles reads. */
  private static InputStream trickle(byte[] bytes, int step) {
    return new FilterInputStream(new ByteArrayInputStream(bytes)) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return super.read(b, off, Math.min(len, step));
      }
    };
  }

  /** Random bytes sprinkled with pieces of the delimiter (never the whole of it). */
  private static byte[] trickyFile(int size) {
    byte[] bytes = new byte[size];
    new Random(3).nextBytes(bytes);
    byte[] near = ("\r\n--" + BOUNDARY.substring(0, BOUNDARY.length() - 1)).getBytes();
    for (int at = 100; at + near.length < size; at += 7919) {
      System.arraycopy(near, 0, bytes, at, near.length);
      bytes[at + near.length] = 'X'; // not the boundary's last character
    }
    return bytes;
  }

  /** Reads a whole body at once with {@code limits}. */
  private MultipartReader.Form read(byte[] body, MultipartReader.Limits limits) throws IOException {
    return MultipartReader.read(new ByteArrayInputStream(body), BOUNDARY, dir, limits);
  }

  private MultipartReader.Form read(String body) throws IOException {
    return read(body.getBytes(StandardCharsets.UTF_8), LIMITS);
  }

  private static String listing(Path dir) throws IOException {
    try (var s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList().toString();
    }
  }

  @Test
  void fieldsAndAFileAreReadWhateverTheReadSizes() throws Exception {
    byte[] file = trickyFile(700_000);
    byte[] body = body("output_format", "wav", "file", file, "sample_rate", "16000");
    for (int step : new int[] {1, 7, 4096, 1 << 20}) {
      MultipartReader.Form form = MultipartReader.read(trickle(body, step), BOUNDARY, dir, LIMITS);

      assertThat(form.fields())
          .containsExactly(
              new MultipartReader.Field("output_format", "wav"),
              new MultipartReader.Field("sample_rate", "16000"));
      assertThat(form.files()).hasSize(1);
      MultipartReader.FilePart part = form.files().get(0);
      assertThat(part.name()).isEqualTo("file");
      assertThat(part.fileName()).isEqualTo("a.wav");
      assertThat(part.contentType()).isEqualTo("audio/wav");
      assertThat(part.size()).isEqualTo(file.length);
      assertThat(Files.readAllBytes(part.file())).isEqualTo(file);
      Files.delete(part.file());
    }
  }

  @Test
  void aPreambleAnEpilogueAndEmptyPartsAreFine() throws Exception {
    byte[] inner = body("a", "", "file", new byte[0]);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write("This is the preamble.\r\n".getBytes());
    out.write(inner);
    out.write("epilogue".getBytes());

    MultipartReader.Form form = read(out.toByteArray(), LIMITS);

    assertThat(form.fields()).containsExactly(new MultipartReader.Field("a", ""));
    assertThat(form.files().get(0).size()).isZero();
  }

  @Test
  void aPartWithoutAFormDataNameIsSkipped() throws Exception {
    String body =
        "--"
            + BOUNDARY
            + "\r\nContent-Disposition: form-data\r\n\r\nignored\r\n--"
            + BOUNDARY
            + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--"
            + BOUNDARY
            + "--\r\n";

    MultipartReader.Form form = read(body);

    assertThat(form.fields()).containsExactly(new MultipartReader.Field("a", "1"));
    assertThat(form.files()).isEmpty();
  }

  @Test
  void fileNamesDecodeAsSpringReadsThem() throws Exception {
    String body =
        "--"
            + BOUNDARY
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"会议 \\\"1\\\".mp3\""
            + "\r\n\r\nxyz\r\n--"
            + BOUNDARY
            + "\r\nContent-Disposition: form-data; name=\"f2\"; filename*=UTF-8''%E4%BC%9A.m4a"
            + "\r\n\r\n\r\n--"
            + BOUNDARY
            + "--";

    MultipartReader.Form form = read(body);

    assertThat(form.files().get(0).fileName()).isEqualTo("会议 \"1\".mp3");
    assertThat(Files.readString(form.files().get(0).file())).isEqualTo("xyz");
    assertThat(form.files().get(1).fileName()).isEqualTo("会.m4a");
    assertThat(form.files().get(1).size()).isZero();
  }

  @Test
  void aFileOverItsLimitIsRefusedAndNothingIsLeft() throws Exception {
    byte[] body = body("a", "1", "file", new byte[2000], "file2", new byte[5000]);
    MultipartReader.Limits small = new MultipartReader.Limits(4000, 1 << 20, 2048, 50, 1024);

    assertThatThrownBy(() -> read(body, small))
        .isInstanceOfSatisfying(
            MaxUploadSizeExceededException.class,
            e -> assertThat(e.getMaxUploadSize()).isEqualTo(4000));
    assertThat(listing(dir)).isEqualTo("[]");
  }

  @Test
  void aBodyOverItsLimitIsRefusedWhileItStreams() throws Exception {
    byte[] body = body("file", new byte[50_000]);
    MultipartReader.Limits small = new MultipartReader.Limits(1 << 20, 20_000, 2048, 50, 1024);

    assertThatThrownBy(() -> MultipartReader.read(trickle(body, 4096), BOUNDARY, dir, small))
        .isInstanceOfSatisfying(
            MaxUploadSizeExceededException.class,
            e -> assertThat(e.getMaxUploadSize()).isEqualTo(20_000));
    assertThat(listing(dir)).isEqualTo("[]");
  }

  @Test
  void aLongHeaderSectionIsRefusedAsTomcatRefusesIt() throws Exception {
    String name = "x".repeat(3000);
    byte[] body = body(name, "1");

    assertThatThrownBy(() -> read(body, LIMITS))
        .isInstanceOf(MaxUploadSizeExceededException.class)
        .cause()
        .isInstanceOfSatisfying(
            SizeException.class, e -> assertThat(e.getPermittedSize()).isEqualTo(2048));
  }

  @Test
  void fieldsTogetherMayNotExceedTheirAllowance() throws Exception {
    byte[] body = body("a", "x".repeat(600), "b", "y".repeat(600));
    MultipartReader.Limits small = new MultipartReader.Limits(1 << 20, 1 << 20, 2048, 50, 1000);

    assertThatThrownBy(() -> read(body, small)).isInstanceOf(MaxUploadSizeExceededException.class);
  }

  @Test
  void truncatedOrForeignBodiesAreMalformedAndLeaveNoFiles() throws Exception {
    byte[] whole = body("file", trickyFile(100_000), "x", "1");
    byte[] cut = java.util.Arrays.copyOf(whole, 60_000);
    assertThatThrownBy(() -> MultipartReader.read(trickle(cut, 999), BOUNDARY, dir, LIMITS))
        .isInstanceOf(MultipartException.class)
        .isNotInstanceOf(MaxUploadSizeExceededException.class)
        .hasMessageContaining("ends inside a part");
    assertThat(listing(dir)).isEqualTo("[]");

    for (String foreign :
        new String[] {
          "", "no boundary here", "--" + BOUNDARY + "junk", "--" + BOUNDARY + "\r\nNo-Colon\r\n\r\n"
        }) {
      assertThatThrownBy(() -> read(foreign))
          .as(foreign)
          .isInstanceOf(MultipartException.class)
          .isNotInstanceOf(MaxUploadSizeExceededException.class);
    }
    assertThatThrownBy(
            () -> MultipartReader.read(new ByteArrayInputStream(whole), null, dir, LIMITS))
        .isInstanceOf(MultipartException.class);
  }

  @Test
  void tooManyPartsAreRefused() throws Exception {
    Object[] parts = new Object[2 * 51];
    for (int i = 0; i < 51; i++) {
      parts[2 * i] = "f" + i;
      parts[2 * i + 1] = "v";
    }
    byte[] body = body(parts);

    assertThatThrownBy(() -> read(body, LIMITS))
        .isInstanceOf(MultipartException.class)
        .hasMessageContaining("more than 50 parts");
  }
}
