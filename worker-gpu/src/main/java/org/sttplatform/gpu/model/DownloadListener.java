package org.sttplatform.gpu.model;

/**
 * Observes a model download, e.g. to heartbeat an activity while it waits. Called on the thread
 * waiting in {@link ModelStore#resolve} (not on the download thread), about once a second with the
 * latest progress and once more when the download has succeeded; implementations must be quick. An
 * exception thrown here (e.g. a cancelled activity's heartbeat) ends that caller's wait with it;
 * the download itself goes on for other and later callers.
 */
@FunctionalInterface
public interface DownloadListener {

  /** Does nothing. */
  DownloadListener NONE = (model, bytesRead, totalBytes) -> {};

  /**
   * @param model canonical model name
   * @param bytesRead bytes written so far
   * @param totalBytes size of the file, or {@code -1} if the server did not say
   */
  void onProgress(String model, long bytesRead, long totalBytes);
}
