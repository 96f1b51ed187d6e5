package org.sttplatform.definitions;

/**
 * One thing wrong with a definition (or a run's inputs).
 *
 * @param path where, as a {@code $}-path into the JSON: {@code $} is the whole document, {@code
 *     $.steps[2].params.url} a parameter of the third step; names that are not identifiers are
 *     written {@code $.inputs['a b']}
 * @param message what is wrong, in a sentence
 */
public record Problem(String path, String message) {

  @Override
  public String toString() {
    return path + ": " + message;
  }
}
