package org.sttplatform.activities.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextPiecesTest {

  @Test
  void estimatesAsciiByFourAndCjkHigher() {
    assertThat(TokenEstimator.estimate("")).isZero();
    assertThat(TokenEstimator.estimate("abcd")).isEqualTo(1);
    assertThat(TokenEstimator.estimate("abcde")).isEqualTo(2);
    assertThat(TokenEstimator.estimate("你好世界")).isEqualTo(6);
    assertThat(TokenEstimator.estimate("こんにちは")).isEqualTo(8);
    assertThat(TokenEstimator.estimate("привет")).isEqualTo(3);
    // A surrogate pair is one character.
    assertThat(TokenEstimator.estimate("𠀀")).isEqualTo(2);
  }

  @Test
  void packsWholePartsInOrderWithinTheBudget() {
    List<String> parts = List.of(" one two three.", " four five.", " six seven eight nine.");
    List<String> pieces = TextPieces.pack(parts, 16);
    assertThat(String.join(" ", pieces))
        .isEqualTo("one two three. four five. six seven eight nine.");
    assertThat(pieces)
        .allSatisfy(p -> assertThat(TokenEstimator.estimate(p)).isLessThanOrEqualTo(16));
    assertThat(TextPieces.pack(parts, 1000))
        .containsExactly("one two three. four five. six seven eight nine.");
  }

  @Test
  void cutsAnOverlongPartAtWhitespace() {
    String part = " " + "alpha beta gamma delta ".repeat(40);
    List<String> pieces = TextPieces.pack(List.of(" before.", part, " after."), 32);
    assertThat(pieces.get(0)).isEqualTo("before.");
    assertThat(pieces.get(pieces.size() - 1)).isEqualTo("after.");
    for (String p : pieces) {
      assertThat(TokenEstimator.estimate(p)).isLessThanOrEqualTo(32);
      assertThat(p).doesNotStartWith(" ").doesNotEndWith(" ");
      assertThat(p.split(" "))
          .allSatisfy(
              w -> assertThat(w).isIn("alpha", "beta", "gamma", "delta", "before.", "after."));
    }
  }

  @Test
  void cutsCjkTextWithoutSpacesBetweenCharacters() {
    String part = "这是一个没有空格的很长的句子".repeat(20);
    List<String> pieces = TextPieces.pack(List.of(part), 30);
    assertThat(String.join("", pieces)).isEqualTo(part);
    assertThat(pieces)
        .allSatisfy(p -> assertThat(TokenEstimator.estimate(p)).isLessThanOrEqualTo(30));
  }

  @Test
  void plainTextSplitsIntoSentences() {
    assertThat(TextPieces.sentences("First one. Second one?\nThird 第四句。第五句！"))
        .containsExactly("First one. ", "Second one? ", "Third 第四句。 ", "第五句！ ");
  }
}
