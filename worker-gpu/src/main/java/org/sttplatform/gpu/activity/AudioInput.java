package org.sttplatform.gpu.activity;

import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.sttplatform.storage.FileStore;
import org.sttplatform.workflows.Failures;
import org.sttplatform.workflows.model.AudioRef;

/**
 * A transcription's audio: the local file its storage key names, opened as 16 kHz mono s16le WAV.
 * What is wrong with the audio is the task's fault (non-retryable {@link Failures#BAD_MEDIA}); a
 * missing file is retryable {@link Failures#AUDIO_MISSING} (another worker may see the shared data
 * directory).
 */
final class AudioInput {

  private AudioInput() {}

  /** The audio's local file; a reference that is not a key of this store is the task's fault. */
  static Path localFile(FileStore files, AudioRef audio) {
    if (audio == null || audio.key() == null) {
      throw ApplicationFailure.newNonRetryableFailure("No audio was given", Failures.BAD_MEDIA);
    }
    try {
      return files.localFile(audio.key());
    } catch (IllegalArgumentException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          "The audio reference is not a storage key of this installation: " + e.getMessage(),
          Failures.BAD_MEDIA);
    }
  }

  /** The audio's samples, streamed window by window; a file without samples is bad media. */
  static WavReader.Samples open(Path audio) {
    try {
      WavReader.Samples samples = WavReader.open(audio);
      if (samples.sampleCount() == 0) {
        samples.close();
        throw ApplicationFailure.newNonRetryableFailure(
            audio + " contains no audio samples", Failures.BAD_MEDIA);
      }
      return samples;
    } catch (WavReader.UnsupportedAudioException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), Failures.BAD_MEDIA);
    } catch (NoSuchFileException e) {
      throw ApplicationFailure.newFailureWithCause(
          "Audio file "
              + audio
              + " does not exist on this transcription worker (is the data directory shared"
              + " with it?)",
          Failures.AUDIO_MISSING,
          e);
    } catch (IOException e) {
      throw Activity.wrap(e);
    }
  }
}
