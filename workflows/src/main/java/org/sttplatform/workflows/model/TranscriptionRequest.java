package org.sttplatform.workflows.model;

/**
 * What a {@code tasks/create} task asks for, from which {@code TaskPipelines} builds its run.
 * Exactly one of {@code mediaUrl} and {@code uploadKey} is set; media travels as a reference, never
 * as bytes.
 *
 * @param taskId the task row the run drives
 * @param mediaUrl an http(s) URL to download the media from, or {@code null}
 * @param uploadKey the stored upload's storage key (probed by the API at create), or {@code null}
 * @param translate translate into English instead of transcribing
 * @param model the whisper model name (e.g. {@code base}) or {@code null} for the worker default
 * @param options decode options
 * @param callback whether the task has a {@code callback_url} (its result is POSTed there when the
 *     run ends)
 */
public record TranscriptionRequest(
    long taskId,
    String mediaUrl,
    String uploadKey,
    boolean translate,
    String model,
    DecodeOptions options,
    boolean callback) {

  /** A task without a callback. */
  public TranscriptionRequest(
      long taskId,
      String mediaUrl,
      String uploadKey,
      boolean translate,
      String model,
      DecodeOptions options) {
    this(taskId, mediaUrl, uploadKey, translate, model, options, false);
  }
}
