package org.sttplatform.storage;

import java.util.regex.Pattern;

/** What a storage key may look like: the one place for the rule. */
public final class StorageKeys {
  /** At most this many characters. */
  public static final int MAX_LENGTH = 1024;

  /** A name between slashes: no control characters, no backslash. */
  private static final Pattern SEGMENT = Pattern.compile("[^\\p{Cntrl}/\\\\]+");

  private StorageKeys() {}

  /**
   * {@code key} itself if it is a valid key: relative, {@code /}-separated, no empty, {@code .} or
   * {@code ..} segment, no control characters or backslashes, at most {@link #MAX_LENGTH}.
   *
   * @throws IllegalArgumentException otherwise, naming the problem (not the whole key: it may be
   *     long or hostile)
   */
  public static String require(String key) {
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException("A storage key is required");
    }
    if (key.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("A storage key is at most " + MAX_LENGTH + " characters");
    }
    for (String segment : key.split("/", -1)) {
      if (segment.equals(".") || segment.equals("..") || !SEGMENT.matcher(segment).matches()) {
        throw new IllegalArgumentException(
            "Invalid storage key: relative names separated by single '/' expected");
      }
    }
    return key;
  }
}
