package org.sttplatform.workflows.model;

import java.util.List;

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
 * @param source for a {@code mediaUrl} found by the Douyin/TikTok crawler: the headers its download
 *     needs and the post to crawl again if the URL has expired, else {@code null}; the pipeline's
 *     {@code fetch} step takes it
 * @param subtitleFormats the subtitle files to write for the task once it is transcribed (wire
 *     names of the {@code subtitles} component's {@code formats}, e.g. {@code srt}), or {@code
 *     null} / empty for none: then the pipeline has no subtitles step
 */
public record TranscriptionRequest(
    long taskId,
    String mediaUrl,
    String uploadKey,
    boolean translate,
    String model,
    DecodeOptions options,
    boolean callback,
    CrawledSource source,
    List<String> subtitleFormats) {

  /** A task without subtitle files. */
  public TranscriptionRequest(
      long taskId,
      String mediaUrl,
      String uploadKey,
      boolean translate,
      String model,
      DecodeOptions options,
      boolean callback,
      CrawledSource source) {
    this(taskId, mediaUrl, uploadKey, translate, model, options, callback, source, null);
  }

  /** A task without a callback or a crawled source. */
  public TranscriptionRequest(
      long taskId,
      String mediaUrl,
      String uploadKey,
      boolean translate,
      String model,
      DecodeOptions options) {
    this(taskId, mediaUrl, uploadKey, translate, model, options, false, null);
  }

  /** A task without a crawled source. */
  public TranscriptionRequest(
      long taskId,
      String mediaUrl,
      String uploadKey,
      boolean translate,
      String model,
      DecodeOptions options,
      boolean callback) {
    this(taskId, mediaUrl, uploadKey, translate, model, options, callback, null);
  }

  /** This request with the crawled source of its {@code mediaUrl} ({@code null}: none). */
  public TranscriptionRequest withSource(CrawledSource crawled) {
    return new TranscriptionRequest(
        taskId,
        mediaUrl,
        uploadKey,
        translate,
        model,
        options,
        callback,
        mediaUrl == null ? null : crawled,
        subtitleFormats);
  }

  /** Whether the task asks for subtitle files. */
  public boolean wantsSubtitles() {
    return subtitleFormats != null && !subtitleFormats.isEmpty();
  }
}
