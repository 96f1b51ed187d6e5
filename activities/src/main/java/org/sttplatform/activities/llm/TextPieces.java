package org.sttplatform.activities.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Cuts a text into pieces that fit a token budget, on the boundaries it is given (transcript
 * segments, or earlier summaries): consecutive boundaries are packed into one piece while it fits,
 * and a single one larger than the budget is cut at its last whitespace (or character) before the
 * budget.
 */
public final class TextPieces {
  /** Sentence ends (with their following spaces) and line breaks of a plain text. */
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?。！？…])\\s+|(?<=[。！？])|\\n+");

  private TextPieces() {}

  /**
   * A plain text's sentences (and lines), the boundaries {@link #pack} keeps when no transcript
   * segments are known.
   */
  public static List<String> sentences(String text) {
    List<String> out = new ArrayList<>();
    for (String s : SENTENCE_END.split(text)) {
      if (!s.isBlank()) {
        out.add(s.strip() + " ");
      }
    }
    return out;
  }

  /**
   * Packs {@code parts} in order into pieces of at most {@code budget} estimated tokens ({@link
   * TokenEstimator}); the parts are concatenated as they are (segment texts carry their own leading
   * space) and each piece is stripped.
   *
   * @param budget at least 16 tokens
   */
  public static List<String> pack(List<String> parts, int budget) {
    if (budget < 16) {
      throw new IllegalArgumentException("budget too small: " + budget);
    }
    List<String> pieces = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int currentTokens = 0;
    for (String part : parts) {
      int tokens = TokenEstimator.estimate(part);
      if (tokens > budget) {
        flush(current, pieces);
        currentTokens = 0;
        pieces.addAll(cut(part, budget));
        continue;
      }
      // +2 per part: slack for the chat template's tokens between lines; the estimate of a
      // concatenation never exceeds the sum of its parts' (see TokenEstimator).
      if (currentTokens + tokens + 2 > budget && current.length() > 0) {
        flush(current, pieces);
        currentTokens = 0;
      }
      current.append(part);
      currentTokens += tokens + 2;
    }
    flush(current, pieces);
    return pieces;
  }

  private static void flush(StringBuilder current, List<String> pieces) {
    String piece = current.toString().strip();
    if (!piece.isEmpty()) {
      pieces.add(piece);
    }
    current.setLength(0);
  }

  /** One over-long part cut at whitespace (or, in text without any, between characters). */
  static List<String> cut(String part, int budget) {
    List<String> out = new ArrayList<>();
    String rest = part.strip();
    while (!rest.isEmpty()) {
      if (TokenEstimator.estimate(rest) <= budget) {
        out.add(rest);
        break;
      }
      int end = longestPrefix(rest, budget);
      int space = lastWhitespace(rest, end);
      if (space > end / 2) {
        end = space;
      }
      out.add(rest.substring(0, end).strip());
      rest = rest.substring(end).strip();
    }
    return out;
  }

  /** The length of the longest prefix (ending between code points) within the budget. */
  private static int longestPrefix(String s, int budget) {
    int lo = 1;
    int hi = s.length();
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (TokenEstimator.estimate(s.subSequence(0, mid)) <= budget) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    if (lo < s.length() && Character.isLowSurrogate(s.charAt(lo)) && lo > 1) {
      lo--;
    }
    return lo;
  }

  private static int lastWhitespace(String s, int end) {
    for (int i = Math.min(end, s.length() - 1); i > 0; i--) {
      if (Character.isWhitespace(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }
}
