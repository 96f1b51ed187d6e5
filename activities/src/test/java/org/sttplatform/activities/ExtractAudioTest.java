package org.sttplatform.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.sttplatform.activities.ActivityTestSupport.failureOf;

import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttplatform.workflows.Failures;
import org.sttplatform.workflows.activity.MediaActivities;
import org.sttplatform.workflows.model.AudioRef;
import org.sttplatform.workflows.model.MediaInfo;
import org.sttplatform.workflows.model.MediaRef;

class ExtractAudioTest {

  private static final long TASK = 42;

  @TempDir Path dataDir;

  private TestActivityEnvironment env;
  private MediaActivities activities;
  private final List<Long> heartbeats = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() {
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(
        new MediaActivitiesImpl(
            CpuWorkerSettings.defaults(dataDir).withHeartbeatInterval(Duration.ofMillis(50))));
    env.setActivityHeartbeatListener(Long.class, heartbeats::add);
    activities = ActivityTestSupport.stub(env);
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  /** Copies a fixture into the data directory, as an upload would be. */
  private MediaRef upload(Path fixture) throws IOException {
    Path target = new DataLayout(dataDir).newUploadFile(fixture.getFileName().toString());
    Files.copy(fixture, target);
    return new MediaRef(
        new DataLayout(dataDir).files().put(target),
        fixture.getFileName().toString(),
        Files.size(target));
  }

  private void assertWhisperWav(AudioRef audio, double expectedSeconds) throws IOException {
    Path wav = new DataLayout(dataDir).files().localFile(audio.key());
    assertThat(TestMedia.ffprobeAudio(wav))
        .contains("codec_name=pcm_s16le", "sample_fmt=s16", "sample_rate=16000", "channels=1");
    assertThat(audio.durationSeconds()).isCloseTo(expectedSeconds, within(0.1));
    // A plain 44-byte header: data bytes / 32000 is the duration.
    assertThat(Files.size(wav) - 44).isEqualTo(Math.round(audio.durationSeconds() * 32000));
    String probed =
        TestMedia.ffprobeAudio(wav).stream()
            .filter(l -> l.startsWith("duration="))
            .findFirst()
            .orElseThrow();
    assertThat(Double.parseDouble(probed.substring("duration=".length())))
        .isCloseTo(expectedSeconds, within(0.1));
  }

  @Test
  void extractsWhisperAudioFromMp4() throws Exception {
    MediaRef media = upload(TestMedia.mp4WithAudio());

    MediaInfo info = activities.probe(media);
    AudioRef audio = activities.extractAudio(TASK, media);

    assertThat(new DataLayout(dataDir).files().localFile(audio.key()))
        .isEqualTo(dataDir.resolve("work").resolve("42").resolve("audio.wav"));
    assertWhisperWav(audio, TestMedia.MP4_SECONDS);
    assertThat(audio.durationSeconds()).isCloseTo(info.durationSeconds(), within(0.1));
    assertThat(dataDir.resolve("work/42")).isDirectoryNotContaining("glob:**.part");
    assertThat(heartbeats).isNotEmpty();
  }

  @Test
  void extractsWhisperAudioFromEspeakWav() throws Exception {
    MediaRef media = upload(TestMedia.espeakWav());
    MediaInfo info = activities.probe(media);

    AudioRef audio = activities.extractAudio(TASK, media);

    assertWhisperWav(audio, info.durationSeconds());
  }

  @Test
  void extractingTwiceReplacesTheAudio() throws Exception {
    MediaRef media = upload(TestMedia.espeakWav());
    AudioRef first = activities.extractAudio(TASK, media);
    AudioRef second = activities.extractAudio(TASK, media);
    assertThat(second).isEqualTo(first);
  }

  @Test
  void corruptFileIsBadMedia() throws Exception {
    MediaRef media = upload(TestMedia.corruptMp4());

    ApplicationFailure failure = failureOf(() -> activities.extractAudio(TASK, media));

    assertThat(failure.getType()).isEqualTo(Failures.BAD_MEDIA);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage())
        .startsWith("ffmpeg cannot extract the audio: ")
        .doesNotContain(dataDir.toString());
    assertThat(dataDir.resolve("work/42")).isEmptyDirectory();
  }

  @Test
  void videoWithoutAudioIsNoAudioStream() throws Exception {
    MediaRef media = upload(TestMedia.videoOnlyMp4());

    ApplicationFailure failure = failureOf(() -> activities.extractAudio(TASK, media));

    assertThat(failure.getType()).isEqualTo(Failures.NO_AUDIO_STREAM);
    assertThat(failure.isNonRetryable()).isTrue();
  }

  @Test
  void probeFailuresAreNonRetryable() throws Exception {
    ApplicationFailure noAudio =
        failureOf(() -> activities.probe(upload(TestMedia.videoOnlyMp4())));
    assertThat(noAudio.getType()).isEqualTo(Failures.NO_AUDIO_STREAM);
    assertThat(noAudio.isNonRetryable()).isTrue();
    assertThat(noAudio.getOriginalMessage())
        .isEqualTo("The media has no audio stream (streams found: video h264)");

    ApplicationFailure empty =
        failureOf(() -> activities.probe(upload(TestMedia.emptyAudio("a.wav"))));
    assertThat(empty.getType()).isEqualTo(Failures.NO_AUDIO_STREAM);
    assertThat(empty.isNonRetryable()).isTrue();
    assertThat(empty.getOriginalMessage()).contains("no audio").contains("empty");

    ApplicationFailure text = failureOf(() -> activities.probe(upload(TestMedia.textAsMp3())));
    assertThat(text.getType()).isEqualTo(Failures.BAD_MEDIA);
    assertThat(text.isNonRetryable()).isTrue();
  }

  @Test
  void refusesMediaOutsideTheDataDirectory() throws Exception {
    MediaRef outside = new MediaRef(TestMedia.espeakWav().toString(), "speech.wav", 1);

    ApplicationFailure failure = failureOf(() -> activities.probe(outside));

    assertThat(failure.getType()).isEqualTo(Failures.BAD_MEDIA);
    assertThat(failure.isNonRetryable()).isTrue();
  }

  @Test
  void cleanUpRemovesTheWorkDirAndIsIdempotent() throws Exception {
    MediaRef media = upload(TestMedia.espeakWav());
    activities.extractAudio(TASK, media);
    Files.writeString(dataDir.resolve("work/42/transcript.json"), "{}");

    activities.cleanUp(TASK);
    assertThat(dataDir.resolve("work/42")).doesNotExist();
    assertThat(new DataLayout(dataDir).files().localFile(media.key())).exists();

    activities.cleanUp(TASK);
    activities.cleanUp(999);
    assertThat(dataDir.resolve("work/42")).doesNotExist();
  }

  @Test
  void worksOutsideAnActivityToo() throws Exception {
    MediaActivitiesImpl direct = new MediaActivitiesImpl(CpuWorkerSettings.defaults(dataDir));
    MediaRef media = upload(TestMedia.espeakWav());

    AudioRef audio = direct.extractAudio(TASK, media);

    assertThat(direct.probe(media).audioCodec()).isEqualTo("pcm_s16le");
    assertThat(new DataLayout(dataDir).files().localFile(audio.key())).exists();
    direct.cleanUp(TASK);
    assertThat(new DataLayout(dataDir).files().localFile(audio.key()).getParent()).doesNotExist();
  }
}
