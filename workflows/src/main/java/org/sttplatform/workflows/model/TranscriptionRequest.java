package org.sttplatform.workflows.model;

/**
 * Input of the transcription workflow. Exactly one of {@code mediaUrl} and {@code uploadPath} is
 * set; media travels as a reference, never as bytes.
 *
 * @param taskId the task row this workflow drives
 * @param mediaUrl an http(s) URL to download the media from, or {@code null}
 * @param uploadPath the stored upload (a path on the shared data directory), or {@code null}
 * @param translate translate into English instead of transcribing
 * @param model the whisper model name (e.g. {@code base}) or {@code null} for the worker default
 * @param options decode options
 * @param uploadInfo what the API's ffprobe found in the upload at create (format allowlist, audio
 *     stream, duration limit already checked, and stored with the task), or {@code null}; when set
 *     the workflow does not probe the file again. Always {@code null} for a {@code mediaUrl}, and
 *     absent from workflows started before the field existed.
 * @param source for a {@code mediaUrl} found by the Douyin/TikTok crawler: the headers its download
 *     needs and the post to crawl again if the URL has expired, else {@code null} (absent from
 *     workflows started before the field existed). The workflow passes it to {@link
 *     org.sttplatform.workflows.activity.MediaActivities#fetchCrawled}.
 */
public record TranscriptionRequest(
    long taskId,
    String mediaUrl,
    String uploadPath,
    boolean translate,
    String model,
    DecodeOptions options,
    MediaInfo uploadInfo,
    CrawledSource source) {

  /** A request without a crawled source. */
  public TranscriptionRequest(
      long taskId,
      String mediaUrl,
      String uploadPath,
      boolean translate,
      String model,
      DecodeOptions options,
      MediaInfo uploadInfo) {
    this(taskId, mediaUrl, uploadPath, translate, model, options, uploadInfo, null);
  }

  /** A request without a probe result: the workflow probes the media itself. */
  public TranscriptionRequest(
      long taskId,
      String mediaUrl,
      String uploadPath,
      boolean translate,
      String model,
      DecodeOptions options) {
    this(taskId, mediaUrl, uploadPath, translate, model, options, null, null);
  }

  /** This request carrying the API's probe result of its upload ({@code null}: none). */
  public TranscriptionRequest withUploadInfo(MediaInfo info) {
    return new TranscriptionRequest(
        taskId,
        mediaUrl,
        uploadPath,
        translate,
        model,
        options,
        uploadPath == null ? null : info,
        source);
  }

  /** This request with the crawled source of its {@code mediaUrl} ({@code null}: none). */
  public TranscriptionRequest withSource(CrawledSource crawled) {
    return new TranscriptionRequest(
        taskId,
        mediaUrl,
        uploadPath,
        translate,
        model,
        options,
        uploadInfo,
        mediaUrl == null ? null : crawled);
  }
}
