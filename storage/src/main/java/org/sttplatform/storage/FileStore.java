package org.sttplatform.storage;

import java.nio.file.Path;

/**
 * Where the files of tasks and runs live between steps. Files travel between activities (and appear
 * in answers) as <b>keys</b>: relative, {@code /}-separated names such as {@code
 * work/runs/r1/7f3c/audio.wav}, never as paths of one machine. A step writes its file under {@link
 * #root()}, then {@link #put} gives the key the next step (on any worker) hands to {@link
 * #localFile}.
 *
 * <p>{@link LocalFileStore} is the implementation for a data directory every node mounts ({@code
 * STT_DATA_DIR}); an object store implements the same contract by uploading in {@code put} and
 * downloading (once, into the local root) in {@code localFile}.
 */
public interface FileStore {

  /** The local directory steps write their files under. */
  Path root();

  /**
   * Makes a file written under {@link #root()} available to every node and returns its key.
   *
   * @throws IllegalArgumentException if {@code file} is not strictly inside the root
   */
  String put(Path file);

  /**
   * The file a key names, readable on this node.
   *
   * @throws IllegalArgumentException if {@code key} is not a valid key ({@link StorageKeys})
   */
  Path localFile(String key);
}
