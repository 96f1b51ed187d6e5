package org.sttplatform.storage;

import java.nio.file.Path;

/**
 * A {@link FileStore} on a directory that every node mounts at the same or another path (the data
 * directory, {@code STT_DATA_DIR}): a key is the file's path relative to it, so nodes that mount it
 * elsewhere still agree on every key.
 */
public final class LocalFileStore implements FileStore {
  private final Path root;

  public LocalFileStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  @Override
  public Path root() {
    return root;
  }

  @Override
  public String put(Path file) {
    Path p = file.toAbsolutePath().normalize();
    if (!p.startsWith(root) || p.equals(root)) {
      throw new IllegalArgumentException("Not inside the data directory: " + file.getFileName());
    }
    StringBuilder key = new StringBuilder();
    for (Path name : root.relativize(p)) {
      if (!key.isEmpty()) {
        key.append('/');
      }
      key.append(name);
    }
    return StorageKeys.require(key.toString());
  }

  @Override
  public Path localFile(String key) {
    Path file = root.resolve(StorageKeys.require(key)).normalize();
    if (!file.startsWith(root) || file.equals(root)) {
      // Not reachable for a valid key; kept so that a change of the key rule cannot open it.
      throw new IllegalArgumentException("Invalid storage key");
    }
    return file;
  }
}
