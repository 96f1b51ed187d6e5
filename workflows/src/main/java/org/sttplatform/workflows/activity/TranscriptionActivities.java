package org.sttplatform.workflows.activity;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import org.sttplatform.workflows.model.TranscribeInput;
import org.sttplatform.workflows.model.TranscriptRef;

/** Speech recognition with whisper.cpp, served by the transcription workers. */
@ActivityInterface
public interface TranscriptionActivities {

  /** The activity type of {@link #transcribe}, whose heartbeats carry the engine's percentage. */
  String TRANSCRIBE = "Transcribe";

  /**
   * Transcribes (or translates) the audio and writes the {@link
   * org.sttplatform.workflows.model.Transcript} as JSON next to it. Heartbeats the engine's
   * progress as an {@code Integer} percentage; a cancelled activity aborts the engine.
   *
   * @throws io.temporal.failure.ApplicationFailure non-retryable {@code ModelUnavailable} when the
   *     model cannot be found, downloaded or loaded, with a message saying which file to put where
   */
  @ActivityMethod(name = TRANSCRIBE)
  TranscriptRef transcribe(TranscribeInput input);
}
