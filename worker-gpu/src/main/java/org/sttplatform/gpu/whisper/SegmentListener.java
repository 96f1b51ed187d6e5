package org.sttplatform.gpu.whisper;

import org.sttplatform.workflows.model.Transcript;

/**
 * Receives the segments of a recognition while it runs, each once it is final: in order, with the
 * id, times and text it will have in the returned {@link Transcript} (before any mapping the caller
 * applies to the transcript, such as VAD's timeline).
 *
 * <p>Called on the engine's thread (for whisper.cpp from inside {@code whisper_full}): an
 * implementation must return quickly and should not throw; an exception stops the calls for the
 * rest of the recognition (it is logged, the recognition goes on).
 */
@FunctionalInterface
public interface SegmentListener {

  /** A final segment of the transcript being decoded. */
  void onSegment(Transcript.Segment segment);
}
