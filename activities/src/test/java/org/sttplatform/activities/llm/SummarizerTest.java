package org.sttplatform.activities.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sttplatform.activities.llm.LlmException.Kind;

class SummarizerTest {
  static final String KEY = "sk-configured-0123456789abcdef";
  static final FakeOpenAi SERVER = new FakeOpenAi();

  @BeforeEach
  void reset() {
    SERVER.reset();
  }

  @AfterAll
  static void stop() {
    SERVER.close();
  }

  static LlmSettings settings(String key, int contextTokens) {
    return new LlmSettings(
        SERVER.baseUrl(), key, "gpt-4o-mini", contextTokens, Duration.ofSeconds(10), 2);
  }

  static Summarizer.Result summarize(LlmSettings settings, Summarizer.Request request) {
    try (LlmClient client = new LlmClient(settings)) {
      return new Summarizer(client).summarize(request, CallGuard.BLOCKING);
    }
  }

  /** {@code count} segments " Segment <i> says …" of about {@code words} words each. */
  static List<String> segments(int count, int words) {
    List<String> out = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      StringBuilder s = new StringBuilder(" Segment " + i + " says");
      for (int w = 0; w < words; w++) {
        s.append(" word").append(w % 10);
      }
      out.add(s.append('.').toString());
    }
    return out;
  }

  @Test
  void aShortTextIsOneRequestShapedLikeTheOriginals() {
    Summarizer.Result r =
        summarize(
            settings(KEY, 4096), new Summarizer.Request(segments(3, 5), null, null, "zh", null));

    List<FakeOpenAi.Seen> seen = SERVER.requests();
    assertThat(seen).hasSize(1);
    FakeOpenAi.Seen only = seen.get(0);
    assertThat(only.path()).isEqualTo("/v1/chat/completions");
    assertThat(only.authorization()).isEqualTo("Bearer " + KEY);
    assertThat(only.model()).isEqualTo("gpt-4o-mini");
    assertThat(only.system()).isEqualTo("Please use the language 'zh' as the output language.");
    assertThat(only.user())
        .startsWith(Summarizer.DEFAULT_PROMPT + "\n\nContents: Segment 1 says")
        .contains("Segment 3 says");
    assertThat(r.summary())
        .isEqualTo("Summary #1 of " + TokenEstimator.estimate(only.user()) + " tokens");
    assertThat(r.model()).isEqualTo("gpt-4o-mini-2024-07-18");
    assertThat(r.chunks()).isEqualTo(1);
    assertThat(r.requests()).isEqualTo(1);
    assertThat(r.completion()).containsEntry("object", "chat.completion");
  }

  @Test
  void aLongTranscriptIsSummarisedPieceByPieceOnSegmentBoundariesThenReduced() {
    int context = 2048;
    List<String> parts = segments(60, 60); // ~60 × 80 tokens: about 3 contexts
    Summarizer.Result r =
        summarize(
            settings(KEY, context),
            new Summarizer.Request(parts, "List the decisions.", "my-model", null, null));

    List<FakeOpenAi.Seen> seen = SERVER.requests();
    assertThat(r.chunks()).isGreaterThanOrEqualTo(3);
    assertThat(seen).hasSize(r.chunks() + 1);
    assertThat(r.requests()).isEqualTo(seen.size());
    List<FakeOpenAi.Seen> map = seen.subList(0, r.chunks());
    int next = 1;
    for (int i = 0; i < map.size(); i++) {
      String user = map.get(i).user();
      assertThat(user)
          .startsWith("This is part %d of %d of a longer text.".formatted(i + 1, r.chunks()))
          .contains("List the decisions.");
      assertThat(TokenEstimator.estimate(user)).isLessThanOrEqualTo(context - context / 4);
      String contents = user.substring(user.indexOf("Contents: ") + "Contents: ".length());
      // Whole segments, in order, none cut and none repeated.
      assertThat(contents).startsWith("Segment " + next + " says").endsWith(".");
      int last = next;
      while (contents.contains("Segment " + (last + 1) + " says")) {
        last++;
      }
      String expected = String.join("", parts.subList(next - 1, last)).strip();
      assertThat(contents).isEqualTo(expected);
      next = last + 1;
    }
    assertThat(next).isEqualTo(61);

    FakeOpenAi.Seen reduce = seen.get(seen.size() - 1);
    assertThat(reduce.model()).isEqualTo("my-model");
    assertThat(reduce.user())
        .startsWith("List the decisions.\n\nThe contents are summaries of consecutive parts");
    for (int i = 1; i <= r.chunks(); i++) {
      assertThat(reduce.user()).contains("Summary #" + i + " of ");
    }
    assertThat(r.summary()).startsWith("Summary #" + seen.size() + " of ");
  }

  @Test
  void summariesThatDoNotFitTogetherAreReducedAgainInGroups() {
    // The smallest context leaves ~700 tokens per piece: 1500 segments make 150 pieces, whose
    // summaries (~8 tokens each) do not fit in one request either.
    int context = LlmSettings.MIN_CONTEXT_TOKENS;
    List<String> parts = segments(1500, 40);
    Summarizer.Result r =
        summarize(
            settings(KEY, context), new Summarizer.Request(parts, "Short.", null, null, null));

    List<FakeOpenAi.Seen> seen = SERVER.requests();
    long combines = seen.stream().filter(s -> s.user().startsWith("These are summaries")).count();
    assertThat(combines).isGreaterThan(0);
    assertThat(seen).hasSize(r.chunks() + (int) combines + 1);
    for (FakeOpenAi.Seen s : seen) {
      assertThat(TokenEstimator.estimate(s.user())).isLessThanOrEqualTo(context - context / 4);
    }
  }

  @Test
  void aKeyGivenWithTheRequestOverridesTheConfiguredOne() {
    summarize(
        settings(KEY, 4096),
        new Summarizer.Request(segments(2, 3), null, null, null, "sk-request-key-42"));
    assertThat(SERVER.requests().get(0).authorization()).isEqualTo("Bearer sk-request-key-42");
  }

  @Test
  void withoutAnyKeyNothingIsSentAndTheMessageNamesTheSetting() {
    assertThatThrownBy(
            () ->
                summarize(
                    settings(null, 4096),
                    new Summarizer.Request(segments(2, 3), null, null, null, null)))
        .isInstanceOfSatisfying(
            LlmException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NO_API_KEY))
        .hasMessageContaining("STT_LLM_API_KEY");
    assertThat(SERVER.requests()).isEmpty();
  }

  @Test
  void aRateLimitIsRetriedWithinTheCall() {
    SERVER.failNext(429, "Rate limit reached for gpt-4o-mini");
    Summarizer.Result r =
        summarize(
            settings(KEY, 4096), new Summarizer.Request(segments(2, 3), null, null, null, null));
    assertThat(SERVER.requests()).hasSize(2);
    assertThat(r.summary()).startsWith("Summary #2");
  }

  @Test
  void aPersistentServerErrorFailsRetryablyWithTheServersMessageAndWithoutTheKey() {
    SERVER.failAlways(500, "The server had an error processing your request (key " + KEY + ")");
    assertThatThrownBy(
            () ->
                summarize(
                    settings(KEY, 4096),
                    new Summarizer.Request(segments(2, 3), null, null, null, null)))
        .isInstanceOfSatisfying(
            LlmException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
              assertThat(e.status()).isEqualTo(500);
              assertThat(e.retryable()).isTrue();
            })
        .hasMessageContaining("HTTP 500 (3 attempts)")
        .hasMessageContaining("The server had an error processing your request")
        .hasMessageNotContaining(KEY);
    assertThat(SERVER.requests()).hasSize(3);
  }

  @Test
  void aBadKeyIsRejectedAtOnce() {
    SERVER.failNext(401, "Incorrect API key provided: sk-wrong. You can find your API key at …");
    assertThatThrownBy(
            () ->
                summarize(
                    settings("sk-wrong", 4096),
                    new Summarizer.Request(segments(2, 3), null, null, null, null)))
        .isInstanceOfSatisfying(
            LlmException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.REJECTED);
              assertThat(e.status()).isEqualTo(401);
            })
        .hasMessageContaining("HTTP 401: Incorrect API key provided: ***.")
        .hasMessageNotContaining("sk-wrong");
    assertThat(SERVER.requests()).hasSize(1);
  }

  @Test
  void anUnreachableServerIsRetryable() {
    LlmSettings nowhere =
        new LlmSettings(
            "http://127.0.0.1:1/v1", KEY, "gpt-4o-mini", 4096, Duration.ofSeconds(5), 0);
    assertThatThrownBy(
            () ->
                summarize(nowhere, new Summarizer.Request(segments(2, 3), null, null, null, null)))
        .isInstanceOfSatisfying(
            LlmException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE))
        .hasMessageContaining("could not be reached");
  }

  @Test
  void aPromptThatLeavesNoRoomIsABadRequest() {
    String prompt = "word ".repeat(4000);
    assertThatThrownBy(
            () ->
                summarize(
                    settings(KEY, 2048),
                    new Summarizer.Request(segments(2, 3), prompt, null, null, null)))
        .isInstanceOfSatisfying(
            LlmException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_REQUEST))
        .hasMessageContaining("STT_LLM_CONTEXT_TOKENS");
    assertThat(SERVER.requests()).isEmpty();
  }

  @Test
  void anEmptyTextIsABadRequest() {
    assertThatThrownBy(
            () ->
                summarize(
                    settings(KEY, 2048),
                    new Summarizer.Request(List.of(" ", ""), null, null, null, null)))
        .isInstanceOfSatisfying(
            LlmException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_REQUEST));
    assertThat(SERVER.requests()).isEmpty();
  }
}
