package org.sttplatform.gpu.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.temporal.failure.ApplicationFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.sttplatform.workflows.Failures;

/**
 * Audio the transcribe activity cannot read (not a WAV, the wrong format, no samples) is a
 * BAD_MEDIA failure.
 */
class TranscriptionActivityBadMediaTest extends AbstractTranscriptionActivitiesTest {

  @Test
  void notAWavIsBadMedia() throws Exception {
    Path audio = Files.writeString(taskDir.resolve("audio.wav"), "not audio at all");
    recognizer = new RecordingRecognizer();

    ApplicationFailure failure =
        applicationFailure(
            catchThrowable(() -> activities.transcribe(input(audio, false, null, null))));

    assertThat(failure.getType()).isEqualTo(Failures.BAD_MEDIA);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("not a RIFF/WAVE file");
  }

  @Test
  void stereo44kWavIsBadMedia() throws Exception {
    Path audio = taskDir.resolve("audio.wav");
    assumeTrue(
        ffmpeg(
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=440:duration=0.2",
            "-ar",
            "44100",
            "-ac",
            "2",
            "-c:a",
            "pcm_s16le",
            audio.toString()));
    recognizer = new RecordingRecognizer();

    ApplicationFailure failure =
        applicationFailure(
            catchThrowable(() -> activities.transcribe(input(audio, false, null, null))));

    assertThat(failure.getType()).isEqualTo(Failures.BAD_MEDIA);
    assertThat(failure.getOriginalMessage()).contains("2 channel(s), 44100 Hz");
  }

  @Test
  void aWavWithoutSamplesIsBadMedia() throws Exception {
    java.nio.ByteBuffer b =
        java.nio.ByteBuffer.allocate(44).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes()).putInt(36).put("WAVEfmt ".getBytes()).putInt(16);
    b.putShort((short) 1).putShort((short) 1).putInt(16000).putInt(32000);
    b.putShort((short) 2).putShort((short) 16).put("data".getBytes()).putInt(0);
    Path audio = Files.write(taskDir.resolve("audio.wav"), b.array());
    recognizer = new RecordingRecognizer();

    ApplicationFailure failure =
        applicationFailure(
            catchThrowable(() -> activities.transcribe(input(audio, false, null, null))));

    assertThat(failure.getType()).isEqualTo(Failures.BAD_MEDIA);
    assertThat(failure.getOriginalMessage()).contains("no audio samples");
  }
}
