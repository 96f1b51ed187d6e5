package org.sttplatform.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.sttplatform.activities.ActivityTestSupport.failureOf;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sttplatform.workflows.Failures;
import org.sttplatform.workflows.model.AudioRef;
import org.sttplatform.workflows.model.MediaRef;
import org.sttplatform.workflows.pipeline.component.MediaComponents;
import org.sttplatform.workflows.pipeline.component.io.ExtractAudioInput;

/**
 * The {@code extract_audio} component's options, each output read back with ffprobe (and, for Opus,
 * whose decoders always report 48 kHz, the input rate recorded in its {@code OpusHead}).
 */
class ExtractAudioComponentTest {
  private static final String RUN = "run-1";

  @TempDir Path dataDir;

  private TestActivityEnvironment env;
  private MediaComponents components;
  private MediaRef media;

  @BeforeEach
  void setUp() throws IOException {
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(
        new MediaComponentsImpl(
            new MediaActivitiesImpl(
                CpuWorkerSettings.defaults(dataDir).withHeartbeatInterval(Duration.ofMillis(50)))));
    components =
        env.newActivityStub(
            MediaComponents.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(30))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());
    Path fixture = TestMedia.mp4WithAudio();
    Path target = new DataLayout(dataDir).newUploadFile("clip.mp4");
    Files.copy(fixture, target);
    media =
        new MediaRef(new DataLayout(dataDir).files().put(target), "clip.mp4", Files.size(target));
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  @Test
  void withoutOptionsWritesWhisperAudio() throws IOException {
    AudioRef audio = components.extractAudio(new ExtractAudioInput(RUN, media)).audio();

    assertThat(new DataLayout(dataDir).files().localFile(audio.key()).getFileName())
        .hasToString("audio.wav");
    Map<String, String> p = probe(new DataLayout(dataDir).files().localFile(audio.key()));
    assertThat(p)
        .containsEntry("codec_name", "pcm_s16le")
        .containsEntry("sample_rate", "16000")
        .containsEntry("channels", "1")
        .containsEntry("bits_per_sample", "16");
    assertThat(audio.durationSeconds()).isCloseTo(TestMedia.MP4_SECONDS, within(0.1));
  }

  static Stream<Arguments> conversions() {
    return Stream.of(
        // format, rate, channels, bit depth -> codec, sample_fmt, bits, container
        Arguments.of("wav", 48000, 2, 24, "pcm_s24le", "s32", "24", "wav"),
        Arguments.of("wav", 8000, 1, 32, "pcm_s32le", "s32", "32", "wav"),
        Arguments.of("wav", 22050, 2, null, "pcm_s16le", "s16", "16", "wav"),
        Arguments.of("flac", 16000, 1, 16, "flac", "s16", "16", "flac"),
        Arguments.of("flac", 44100, 2, 24, "flac", "s32", "24", "flac"),
        Arguments.of("mp3", 22050, 1, null, "mp3", "fltp", null, "mp3"),
        Arguments.of("mp3", 44100, 2, null, "mp3", "fltp", null, "mp3"),
        Arguments.of("opus", 12000, 2, null, "opus", "fltp", null, "ogg"),
        Arguments.of("m4a", 8000, 1, null, "aac", "fltp", null, "mov,mp4,m4a,3gp,3g2,mj2"));
  }

  @ParameterizedTest(name = "{0} {1} Hz {2} ch {3} bit")
  @MethodSource("conversions")
  void writesTheRequestedFormat(
      String format,
      int rate,
      int channels,
      Integer bitDepth,
      String codec,
      String sampleFormat,
      String bits,
      String container)
      throws IOException {
    AudioRef audio =
        components
            .extractAudio(new ExtractAudioInput(RUN, media, format, rate, channels, bitDepth))
            .audio();

    Path file = new DataLayout(dataDir).files().localFile(audio.key());
    assertThat(file.getFileName().toString()).endsWith("." + format);
    Map<String, String> p = probe(file);
    assertThat(p)
        .containsEntry("codec_name", codec)
        .containsEntry("channels", Integer.toString(channels))
        .containsEntry("sample_fmt", sampleFormat)
        .containsEntry("format_name", container);
    if (format.equals("opus")) {
      // Opus decodes at 48 kHz whatever the input rate; the encoder records that rate.
      assertThat(p).containsEntry("sample_rate", "48000");
      assertThat(opusInputRate(file)).isEqualTo(rate);
    } else {
      assertThat(p).containsEntry("sample_rate", Integer.toString(rate));
    }
    if (bits != null) {
      String reported =
          format.equals("flac") ? p.get("bits_per_raw_sample") : p.get("bits_per_sample");
      assertThat(reported).isEqualTo(bits);
    }
    if (format.equals("m4a")) {
      assertThat(p).containsEntry("TAG:major_brand", "M4A ");
    }
    assertThat(audio.durationSeconds()).isCloseTo(TestMedia.MP4_SECONDS, within(0.15));
  }

  @Test
  void refusesOptionsTheFormatDoesNotAllowNamingTheAllowedValues() {
    assertRefused(
        new ExtractAudioInput(RUN, media, "opus", 44100, 1, null),
        "'sample_rate'",
        "opus allows 8000, 12000, 16000, 24000, 48000");
    assertRefused(
        new ExtractAudioInput(RUN, media, "mp3", 16000, 1, 16),
        "'bit_depth' does not apply to mp3",
        "wav (16, 24, 32) and flac (16, 24)");
    assertRefused(new ExtractAudioInput(RUN, media, "flac", 16000, 1, 32), "flac allows 16, 24");
    assertRefused(
        new ExtractAudioInput(RUN, media, "aiff", null, null, null),
        "'format'",
        "wav, mp3, flac, opus, m4a");
    assertRefused(new ExtractAudioInput(RUN, media, "wav", 16000, 6, null), "'channels'", "1, 2");
    assertThat(new DataLayout(dataDir).runDir(RUN)).doesNotExist();
  }

  private void assertRefused(ExtractAudioInput input, String... messageParts) {
    ApplicationFailure failure = failureOf(() -> components.extractAudio(input));
    assertThat(failure.getType()).isEqualTo(Failures.INVALID_OPTIONS);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains(messageParts);
  }

  /** ffprobe's view of the first audio stream, the format name and the format's tags. */
  static Map<String, String> probe(Path file) throws IOException {
    String out =
        TestMedia.run(
            "ffprobe",
            "-v",
            "error",
            "-select_streams",
            "a:0",
            "-show_entries",
            "stream=codec_name,sample_rate,channels,sample_fmt,bits_per_sample,bits_per_raw_sample"
                + ":format=format_name:format_tags=major_brand",
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

  /** The input sample rate field of the Ogg Opus identification header (RFC 7845 §5.1). */
  static int opusInputRate(Path file) throws IOException {
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(4096);
    }
    String text = new String(head, StandardCharsets.ISO_8859_1);
    int at = text.indexOf("OpusHead");
    assertThat(at).as("OpusHead in the first page").isGreaterThanOrEqualTo(0);
    int rate = at + 12; // magic (8), version (1), channels (1), pre-skip (2)
    return (head[rate] & 0xFF)
        | (head[rate + 1] & 0xFF) << 8
        | (head[rate + 2] & 0xFF) << 16
        | (head[rate + 3] & 0xFF) << 24;
  }
}
