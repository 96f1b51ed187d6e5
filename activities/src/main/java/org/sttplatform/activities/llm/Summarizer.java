package org.sttplatform.activities.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sttplatform.activities.llm.LlmException.Kind;

/**
 * Summarises a text of any length within the model's context ({@link LlmSettings#contextTokens()}):
 * a text that fits is one request, as in the original service (system: the output language; user:
 * the prompt, then {@code Contents: <text>}). A longer one is map-reduced: it is cut on its
 * boundaries (transcript segments, or sentences) into pieces that fit ({@link TextPieces}), each
 * piece is summarised, and the prompt is then applied to the summaries in order; if even they do
 * not fit together, they are summarised again in groups, as often as needed. Only the current
 * level's summaries are held besides the text.
 */
public final class Summarizer {
  private static final Logger log = LoggerFactory.getLogger(Summarizer.class);

  /** The original service's default prompt. */
  public static final String DEFAULT_PROMPT =
      "Summarize and analyze the following content with a natural, conversational tone. Focus on"
          + " the main points, possible intent, tone, and likely reader reactions. Keep the"
          + " response thoughtful and engaging, as if discussing with a friend.";

  public static final String DEFAULT_OUTPUT_LANGUAGE = "en";

  /** Share of the context left for the answer. */
  static final int ANSWER_SHARE_DIVISOR = 4;

  /** Tokens for the chat format's own wrapping of the two messages. */
  static final int MESSAGE_OVERHEAD_TOKENS = 16;

  /** A piece smaller than this is not worth a request: the prompt is too long for the context. */
  static final int MIN_PIECE_TOKENS = 128;

  /** Reduce levels after which summaries that still do not fit are a failure, not a loop. */
  static final int MAX_LEVELS = 6;

  private final LlmClient client;

  public Summarizer(LlmClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  /**
   * What to summarise and how.
   *
   * @param parts the text in order, cut on its natural boundaries (transcript segment texts, which
   *     carry their own leading space, or {@link TextPieces#sentences})
   * @param prompt the instruction, or {@code null}/blank for {@link #DEFAULT_PROMPT}
   * @param model the model, or {@code null}/blank for the configured one
   * @param outputLanguage the language of the answer, or {@code null}/blank for English
   * @param apiKey the request's own key, or {@code null} for the configured one
   */
  public record Request(
      List<String> parts, String prompt, String model, String outputLanguage, String apiKey) {
    public Request {
      parts = List.copyOf(parts);
    }

    /** The prompt that is used. */
    public String effectivePrompt() {
      return prompt == null || prompt.isBlank() ? DEFAULT_PROMPT : prompt.strip();
    }

    /** The output language that is used. */
    public String effectiveOutputLanguage() {
      return outputLanguage == null || outputLanguage.isBlank()
          ? DEFAULT_OUTPUT_LANGUAGE
          : outputLanguage.strip();
    }
  }

  /**
   * A finished summary.
   *
   * @param summary the text
   * @param model the model that wrote the final answer
   * @param chunks how many pieces the text was cut into (1: it fit at once)
   * @param requests how many requests it took
   * @param completion the final request's whole chat completion as JSON
   */
  public record Result(
      String summary,
      String model,
      int chunks,
      int requests,
      java.util.Map<String, Object> completion) {}

  /**
   * @throws LlmException {@link Kind#NO_API_KEY} without a key, {@link Kind#BAD_REQUEST} for an
   *     empty text or a prompt that leaves no room in the context, else the server's failure
   */
  public Result summarize(Request request, CallGuard guard) {
    String key = client.keyFor(request.apiKey());
    String model =
        request.model() == null || request.model().isBlank()
            ? client.settings().model()
            : request.model().strip();
    String prompt = request.effectivePrompt();
    String system =
        "Please use the language '%s' as the output language."
            .formatted(request.effectiveOutputLanguage());
    if (request.parts().stream().allMatch(String::isBlank)) {
      throw new LlmException(Kind.BAD_REQUEST, 0, "There is no text to summarize");
    }
    Calls calls = new Calls(key, model, system, guard);

    // The longest instructions a piece is sent with (a whole text's are shorter).
    int budget = pieceBudget(system, partOf(prompt, 99_999, 99_999, ""));
    List<String> pieces = TextPieces.pack(request.parts(), budget);
    if (pieces.size() == 1) {
      LlmClient.Completion only = calls.send(whole(prompt, pieces.get(0)));
      return new Result(only.text(), only.model(), 1, calls.count, only.completion());
    }
    log.info(
        "Summarising {} pieces of at most {} tokens each with model {}",
        pieces.size(),
        budget,
        model);
    List<String> summaries = new ArrayList<>(pieces.size());
    for (int i = 0; i < pieces.size(); i++) {
      summaries.add(calls.send(partOf(prompt, i + 1, pieces.size(), pieces.get(i))).text());
    }
    int chunks = pieces.size();
    pieces = null; // the text's pieces are no longer needed; only summaries are kept from here
    int reduceBudget = pieceBudget(system, combine(prompt, 99_999, 99_999, ""));
    for (int level = 1; ; level++) {
      List<String> groups = TextPieces.pack(separated(summaries), reduceBudget);
      if (groups.size() == 1) {
        LlmClient.Completion last = calls.send(ofSummaries(prompt, groups.get(0)));
        return new Result(last.text(), last.model(), chunks, calls.count, last.completion());
      }
      if (level >= MAX_LEVELS || groups.size() >= summaries.size()) {
        throw new LlmException(
            Kind.UNAVAILABLE,
            0,
            ("The summaries of %d pieces do not get shorter than the model's context of %d tokens"
                    + " (%s); raise it if the model allows")
                .formatted(
                    chunks, client.settings().contextTokens(), LlmSettings.CONTEXT_TOKENS_ENV));
      }
      List<String> next = new ArrayList<>(groups.size());
      for (int i = 0; i < groups.size(); i++) {
        next.add(calls.send(combine(prompt, i + 1, groups.size(), groups.get(i))).text());
      }
      summaries = next;
    }
  }

  private static final String SUMMARIES_NOTE =
      "\n\nThe contents are summaries of consecutive parts of one text, in order.";

  /**
   * The tokens left for the text in one request: the context minus the answer's share, the system
   * message, the instructions and the chat format's overhead.
   */
  int pieceBudget(String system, String instructions) {
    int context = client.settings().contextTokens();
    int fixed =
        TokenEstimator.estimate(system)
            + TokenEstimator.estimate(instructions)
            + MESSAGE_OVERHEAD_TOKENS;
    int budget = context - context / ANSWER_SHARE_DIVISOR - fixed;
    if (budget < MIN_PIECE_TOKENS) {
      throw new LlmException(
          Kind.BAD_REQUEST,
          0,
          ("The prompt (about %d tokens) leaves no room for the text in the model's context of %d"
                  + " tokens (%s): shorten the prompt")
              .formatted(fixed, context, LlmSettings.CONTEXT_TOKENS_ENV));
    }
    return budget;
  }

  private static String whole(String prompt, String text) {
    return prompt + "\n\nContents: " + text;
  }

  private static String partOf(String prompt, int index, int count, String text) {
    return ("This is part %d of %d of a longer text. Summarize this part concisely, keeping the"
            + " facts, names, numbers, decisions and tone that this task needs: %s\n\n"
            + "Contents: %s")
        .formatted(index, count, prompt, text);
  }

  private static String combine(String prompt, int index, int count, String summaries) {
    return ("These are summaries of consecutive parts (group %d of %d) of a longer text, in order."
            + " Merge them into one concise summary, keeping the facts, names, numbers,"
            + " decisions and tone that this task needs: %s\n\nContents: %s")
        .formatted(index, count, prompt, summaries);
  }

  private static String ofSummaries(String prompt, String summaries) {
    return prompt + SUMMARIES_NOTE + "\n\nContents: " + summaries;
  }

  /** Summaries as parts, each a paragraph of its own. */
  private static List<String> separated(List<String> summaries) {
    List<String> parts = new ArrayList<>(summaries.size());
    for (String s : summaries) {
      parts.add(s.strip() + "\n\n");
    }
    return parts;
  }

  /** The requests of one summary, counted. */
  private final class Calls {
    private final String key;
    private final String model;
    private final String system;
    private final CallGuard guard;
    int count;

    Calls(String key, String model, String system, CallGuard guard) {
      this.key = key;
      this.model = model;
      this.system = system;
      this.guard = guard;
    }

    LlmClient.Completion send(String user) {
      count++;
      return client.complete(key, model, system, user, guard);
    }
  }
}
