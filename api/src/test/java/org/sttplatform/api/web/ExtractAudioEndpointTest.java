package org.sttplatform.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sttplatform.activities.media.WarmFfmpeg;

/**
 * {@code POST /api/whisper/extract_audio} on the real Tomcat, ffprobe and ffmpeg: outputs are read
 * back with ffprobe, and the extraction folder is empty after every request, including one whose
 * client hangs up mid-download.
 */
class ExtractAudioEndpointTest extends WebTestBase {
  private static final String PATH = "/api/whisper/extract_audio";
  private static Path fixtures;

  /** 40 s of stereo sine as 6 kbit/s Opus: small to upload (the test limit is 64KB). */
  private static byte[] stereoOpus;

  /** A video stream and no audio. */
  private static byte[] videoOnly;

  @BeforeAll
  static void makeFixtures() throws Exception {
    fixtures = Files.createTempDirectory("stt-extract-fixtures");
    Path opus = fixtures.resolve("sine.opus");
    run(
        "ffmpeg",
        "-nostdin",
        "-v",
        "error",
        "-y",
        "-f",
        "lavfi",
        "-i",
        "sine=f=440:d=40",
        "-ac",
        "2",
        "-c:a",
        "libopus",
        "-b:a",
        "6k",
        opus.toString());
    stereoOpus = Files.readAllBytes(opus);
    Path video = fixtures.resolve("video.mkv");
    run(
        "ffmpeg",
        "-nostdin",
        "-v",
        "error",
        "-y",
        "-f",
        "lavfi",
        "-i",
        "testsrc=d=1:s=32x32:r=1",
        "-c:v",
        "mpeg4",
        video.toString());
    videoOnly = Files.readAllBytes(video);
  }

  @AfterEach
  void noExtractionFilesLeft() {
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(extractionEntries()).isEmpty());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "output_format=wav&sample_rate=48000&channels=2&bit_depth=24, audio/wav, lecture.wav,"
        + " pcm_s24le, 48000, 2",
    "output_format=flac&sample_rate=16000&channels=1&bit_depth=24, audio/flac, lecture.flac,"
        + " flac, 16000, 1",
    "output_format=mp3&sample_rate=44100&channels=1, audio/mpeg, lecture.mp3, mp3, 44100, 1",
    "output_format=opus&sample_rate=16000&channels=2, audio/ogg, lecture.opus, opus, 48000, 2",
    "output_format=m4a&sample_rate=22050&channels=1, audio/mp4, lecture.m4a, aac, 22050, 1",
    // The original's defaults: wav, 22050 Hz, 16 bits (2 bytes); the source's two channels.
    "'', audio/wav, lecture.wav, pcm_s16le, 22050, 2",
    // The original's bit_depth in bytes.
    "bit_depth=2, audio/wav, lecture.wav, pcm_s16le, 22050, 2",
    "output_format=opus, audio/ogg, lecture.opus, opus, 48000, 2"
  })
  void answersTheConvertedAudioAsAnAttachment(
      String form, String mediaType, String fileName, String codec, String rate, String channels)
      throws Exception {
    HttpResponse<byte[]> r = extract(fields(form), "lecture.opus", stereoOpus);

    assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue(mediaType);
    assertThat(r.headers().firstValue("Content-Disposition"))
        .hasValue("attachment; filename=\"" + fileName + "\"");
    assertThat(r.headers().firstValueAsLong("Content-Length")).hasValue(r.body().length);
    Path out = fixtures.resolve(UUID.randomUUID() + "-" + fileName);
    Files.write(out, r.body());
    Map<String, String> probed = ffprobe(out);
    assertThat(probed)
        .containsEntry("codec_name", codec)
        .containsEntry("sample_rate", rate)
        .containsEntry("channels", channels);
    assertThat(Double.parseDouble(probed.get("duration"))).isBetween(39.8, 40.2);
  }

  @Test
  void namesTheUploadsBaseNameWithTheNewExtension() throws Exception {
    HttpResponse<byte[]> r =
        extract(Map.of("output_format", "flac"), "C:\\talks\\会议 2026.final.mp4", stereoOpus);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Disposition").orElseThrow())
        .startsWith("attachment; filename=")
        .contains("filename*=UTF-8''%E4%BC%9A%E8%AE%AE%202026.final.flac");
  }

  @Test
  void refusesOptionsTheFormatDoesNotAllowNamingTheAllowedValues() throws Exception {
    assertRefused(
        Map.of("output_format", "opus", "sample_rate", "44100"),
        "Invalid value '44100' for parameter 'sample_rate'; opus allows 8000, 12000, 16000, 24000,"
            + " 48000");
    assertRefused(
        Map.of("output_format", "mp3", "bit_depth", "16"),
        "Parameter 'bit_depth' does not apply to mp3 (its codec has no bit depth); it applies to"
            + " wav (16, 24, 32) and flac (16, 24)");
    assertRefused(
        Map.of("output_format", "flac", "bit_depth", "32"),
        "Invalid value '32' for parameter 'bit_depth'; flac allows 16, 24");
    assertRefused(
        Map.of("output_format", "aiff"),
        "Invalid value 'aiff' for parameter 'output_format'; allowed: wav, mp3, flac, opus, m4a");
    assertRefused(
        Map.of("channels", "6"), "Invalid value '6' for parameter 'channels'; allowed: 1, 2");
    assertRefused(
        Map.of("sample_rate", "-8000"),
        "Invalid value '-8000' for parameter 'sample_rate'; expected an integer");
  }

  private void assertRefused(Map<String, String> form, String message) throws Exception {
    Reply r = json(extract(form, "clip.opus", stereoOpus));
    assertError(r, 400, message);
  }

  @Test
  void refusesFilesWithoutAudioAsUnsupportedMedia() throws Exception {
    Reply noAudio = json(extract(Map.of(), "silent-film.mkv", videoOnly));
    assertError(noAudio, 415, "The media has no audio stream");

    Reply notMedia = json(extract(Map.of(), "notes.mp3", "just some text, not audio".getBytes()));
    assertError(notMedia, 415, "ffprobe cannot read the file");
  }

  @Test
  void withChannelsGivenFfmpegRunsFirstAndTheProbeStillGivesTheVerdict() throws Exception {
    // No probe is needed for the default channel count: ffprobe runs only once ffmpeg has failed.
    Reply noAudio = json(extract(Map.of("channels", "1"), "silent-film.mkv", videoOnly));
    assertError(noAudio, 415, "The media has no audio stream");

    Reply notMedia =
        json(extract(Map.of("channels", "2"), "notes.mp3", "just some text, not audio".getBytes()));
    assertError(notMedia, 415, "ffprobe cannot read the file");
  }

  /**
   * Whisper audio (16 kHz mono WAV) runs on a pre-started ffmpeg once one waits for the upload's
   * kind: the waiting process's slot is used up by the next request, whose answer is the same bytes
   * as a cold start's, and a file that is not media still gets the probe's verdict.
   */
  @Test
  void whisperAudioRunsOnAPreStartedFfmpegWithTheSameAnswers() throws Exception {
    Map<String, String> whisper =
        Map.of("output_format", "wav", "sample_rate", "16000", "channels", "1");
    HttpResponse<byte[]> first = extract(whisper, "talk.opus", stereoOpus);
    assertThat(first.statusCode()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(10)).until(() -> !waitingFfmpegSlots().isEmpty());
    List<Path> waiting = waitingFfmpegSlots();

    HttpResponse<byte[]> warm = extract(whisper, "talk.opus", stereoOpus);

    assertThat(warm.statusCode()).isEqualTo(200);
    assertThat(warm.body()).isEqualTo(first.body());
    assertThat(waitingFfmpegSlots())
        .as("the waiting process was used")
        .doesNotContainAnyElementsOf(waiting);
    await().atMost(Duration.ofSeconds(10)).until(() -> !waitingFfmpegSlots().isEmpty());
    Reply notMedia = json(extract(whisper, "notes.opus", "just some text, not audio".getBytes()));
    assertError(notMedia, 415, "ffprobe cannot read the file");
  }

  /** The slots of pre-started ffmpeg processes still waiting (each has its progress pipe). */
  private static List<Path> waitingFfmpegSlots() throws IOException {
    Path root = DATA_DIR.resolve("work").resolve(WarmFfmpeg.DIR_NAME);
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(root, 2)) {
      return s.filter(slot -> Files.exists(slot.resolve("progress"))).toList();
    }
  }

  @Test
  void refusesARequestWithoutAFile() throws Exception {
    Reply r = json(extract(Map.of("output_format", "wav"), null, null));
    assertError(r, 400, "The 'file' part is required");
  }

  @Test
  void refusesAnUploadOverTheLimitNamingTheSetting() throws Exception {
    Reply r = json(extract(Map.of(), "big.wav", new byte[100 * 1024]));
    assertError(r, 413, "(STT_UPLOAD_MAX_SIZE)");
  }

  /**
   * A client that reads a few bytes of a 15 MB answer and hangs up: the server's write fails, and
   * the folder holding the upload's audio is deleted all the same.
   */
  @Test
  void removesTheAudioWhenTheClientHangsUpMidDownload() throws Exception {
    Multipart body =
        multipart(
            Map.of("output_format", "wav", "sample_rate", "48000", "bit_depth", "32"),
            "clip.opus",
            stereoOpus);
    try (Socket socket = new Socket("localhost", port)) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST "
                  + PATH
                  + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                  + body.contentType()
                  + "\r\nContent-Length: "
                  + body.bytes().length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(body.bytes());
      out.flush();
      InputStream in = socket.getInputStream();
      String head = readHead(in);
      assertThat(head).startsWith("HTTP/1.1 200");
      // 40 s × 48 kHz × 2 channels × 4 bytes, and the header.
      long length =
          head.lines()
              .filter(l -> l.startsWith("Content-Length: "))
              .mapToLong(l -> Long.parseLong(l.substring(16)))
              .findFirst()
              .orElseThrow();
      assertThat(length).isBetween(15_360_000L, 15_361_000L);
      assertThat(in.readNBytes(16)).hasSize(16);
      // The server is still sending (far more than the socket buffers hold): the file is there.
      assertThat(extractionEntries()).hasSize(1);
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(extractionEntries()).isEmpty());
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  private static List<Path> extractionEntries() throws IOException {
    Path root = DATA_DIR.resolve("tmp").resolve("extract");
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(root)) {
      return s.toList();
    }
  }

  private static Map<String, String> fields(String form) {
    Map<String, String> m = new HashMap<>();
    for (String pair : form.split("&")) {
      if (!pair.isBlank()) {
        String[] kv = pair.split("=", 2);
        m.put(kv[0], kv[1]);
      }
    }
    return m;
  }

  record Multipart(String contentType, byte[] bytes) {}

  static Multipart multipart(Map<String, String> fields, String fileName, byte[] content) {
    String boundary = "----stt" + UUID.randomUUID();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      for (Map.Entry<String, String> f : fields.entrySet()) {
        out.write(
            ("--"
                    + boundary
                    + "\r\nContent-Disposition: form-data; name=\""
                    + f.getKey()
                    + "\"\r\n\r\n"
                    + f.getValue()
                    + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
      }
      if (fileName != null) {
        out.write(
            ("--"
                    + boundary
                    + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                    + fileName
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        out.write(content);
        out.write("\r\n".getBytes(StandardCharsets.UTF_8));
      }
      out.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Multipart("multipart/form-data; boundary=" + boundary, out.toByteArray());
  }

  private HttpResponse<byte[]> extract(Map<String, String> form, String fileName, byte[] content)
      throws Exception {
    Multipart body = multipart(form, fileName, content);
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url(PATH)))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", body.contentType())
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()))
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private static Reply json(HttpResponse<byte[]> r) {
    String body = new String(r.body(), StandardCharsets.UTF_8);
    return new Reply(r.statusCode(), r.headers().map(), body, JSON.readTree(body));
  }

  /** ffprobe's view of the first audio stream and the format's duration. */
  static Map<String, String> ffprobe(Path file) throws Exception {
    String out =
        run(
            "ffprobe",
            "-v",
            "error",
            "-select_streams",
            "a:0",
            "-show_entries",
            "stream=codec_name,sample_rate,channels,sample_fmt:format=duration",
            "-of",
            "default=noprint_wrappers=1",
            file.toString());
    Map<String, String> values = new HashMap<>();
    out.lines()
        .map(l -> l.split("=", 2))
        .filter(kv -> kv.length == 2)
        .forEach(kv -> values.put(kv[0], kv[1]));
    return values;
  }

  private static String run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("Failed: " + String.join(" ", command) + "\n" + out);
    }
    return out;
  }
}
