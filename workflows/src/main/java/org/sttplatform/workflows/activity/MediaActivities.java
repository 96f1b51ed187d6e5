package org.sttplatform.workflows.activity;

import io.temporal.activity.ActivityInterface;
import org.sttplatform.workflows.model.AudioRef;
import org.sttplatform.workflows.model.CrawledSource;
import org.sttplatform.workflows.model.MediaInfo;
import org.sttplatform.workflows.model.MediaRef;
import org.sttplatform.workflows.model.ProbedAudio;

/**
 * Media handling on the CPU worker. Files live under the shared data directory, in a working folder
 * per task; only their paths travel in payloads.
 */
@ActivityInterface
public interface MediaActivities {

  /**
   * Downloads {@code url} into the task's working folder, streaming to disk and heartbeating.
   *
   * @throws io.temporal.failure.ApplicationFailure non-retryable {@code BadUrl} for a malformed URL
   *     or a 4xx answer, {@code MediaTooLarge} past the size limit; network errors and 5xx are
   *     retried
   */
  MediaRef fetch(long taskId, String url);

  /**
   * {@link #fetch} of a media URL a Douyin/TikTok crawler found: sends {@code source}'s headers,
   * and when the URL answers 403 or 410 (a signed URL that has expired) crawls {@code source}'s
   * post once more and downloads the fresh URL with the fresh headers.
   *
   * @param source the crawled source, or {@code null} for a plain {@link #fetch}
   * @throws io.temporal.failure.ApplicationFailure as {@link #fetch}, and non-retryable {@code
   *     PostUnavailable} when the post has become private or been removed meanwhile
   */
  MediaRef fetchCrawled(long taskId, String url, CrawledSource source);

  /**
   * Probes a media file with ffprobe.
   *
   * @throws io.temporal.failure.ApplicationFailure non-retryable {@code BadMedia} if ffprobe cannot
   *     read it, {@code NoAudioStream} if it has no audio
   */
  MediaInfo probe(MediaRef media);

  /** Extracts 16 kHz mono 16-bit PCM WAV with ffmpeg into the task's working folder. */
  AudioRef extractAudio(long taskId, MediaRef media);

  /**
   * {@link #probe} and {@link #extractAudio} in one step and one ffmpeg run: the probe's facts are
   * read from ffmpeg's dump of its input, and its checks and failures are those of {@link #probe}
   * (ffprobe runs only for the verdict on a file ffmpeg could not convert, or a dump it cannot
   * read; a refused file's audio is deleted). One activity hand-off and one process are saved.
   */
  ProbedAudio probeAndExtract(long taskId, MediaRef media);

  /** Deletes the task's working folder (downloads, audio, transcript). Idempotent. */
  void cleanUp(long taskId);
}
