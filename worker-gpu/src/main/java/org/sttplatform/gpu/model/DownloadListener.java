package org.sttplatform.gpu.model;

/**
 * Observes a model download, e.g. to heartbeat an activity while it waits. Called from the
 * downloading thread, at most every few hundred milliseconds and once at the end; implementations
 * must be quick and must not throw.
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
