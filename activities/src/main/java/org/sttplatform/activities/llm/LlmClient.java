package org.sttplatform.activities.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClientAsync;
import com.openai.client.okhttp.OpenAIOkHttpClientAsync;
import com.openai.core.ObjectMappers;
import com.openai.errors.OpenAIException;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessage;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.sttplatform.activities.llm.LlmException.Kind;

/**
 * One chat completion at a time against an OpenAI-compatible server ({@link LlmSettings}), through
 * the official openai-java client. The client retries 408, 409, 429, 5xx and network errors itself,
 * with exponential back-off that honours {@code Retry-After} ({@link LlmSettings#maxRetries()}).
 * Every failure becomes an {@link LlmException} whose message carries the server's own error
 * message, with the API key masked.
 */
public final class LlmClient implements AutoCloseable {
  /** The longest server message passed on. */
  private static final int MAX_MESSAGE = 1_000;

  private final LlmSettings settings;
  private final OpenAIClientAsync client;

  public LlmClient(LlmSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.client =
        OpenAIOkHttpClientAsync.builder()
            .baseUrl(settings.baseUrl())
            // Replaced by the request's key; a request without any is refused before it is sent.
            .apiKey(settings.hasApiKey() ? settings.apiKey() : "unset")
            .timeout(settings.timeout())
            .maxRetries(settings.maxRetries())
            .build();
  }

  public LlmSettings settings() {
    return settings;
  }

  /**
   * One answer of the model.
   *
   * @param text the answer's text
   * @param model the model that answered, as the server names it
   * @param completion the whole chat completion as JSON (for the REST endpoint's {@code
   *     chat_completion}, the original service's field)
   */
  public record Completion(String text, String model, Map<String, Object> completion) {}

  /**
   * The key a request uses: the given one, else the configured one.
   *
   * @throws LlmException {@link Kind#NO_API_KEY} if there is neither
   */
  public String keyFor(String requestKey) {
    if (requestKey != null && !requestKey.isBlank()) {
      return requestKey.strip();
    }
    if (settings.hasApiKey()) {
      return settings.apiKey();
    }
    throw new LlmException(
        Kind.NO_API_KEY, 0, "No LLM API key is configured: set " + LlmSettings.API_KEY_ENV);
  }

  /**
   * Sends a system and a user message and waits ({@code guard}) for the answer.
   *
   * @param apiKey the key to use (see {@link #keyFor})
   * @throws LlmException for every failure
   */
  public Completion complete(
      String apiKey, String model, String system, String user, CallGuard guard) {
    ChatCompletionCreateParams params =
        ChatCompletionCreateParams.builder()
            .model(model)
            .addSystemMessage(system)
            .addUserMessage(user)
            .build();
    OpenAIClientAsync keyed =
        apiKey.equals(settings.apiKey()) ? client : client.withOptions(o -> o.apiKey(apiKey));
    ChatCompletion completion;
    try {
      CompletableFuture<ChatCompletion> request = keyed.chat().completions().create(params);
      completion = guard.await(request);
    } catch (OpenAIException e) {
      throw translate(e, apiKey);
    }
    return answer(completion, apiKey);
  }

  private Completion answer(ChatCompletion completion, String apiKey) {
    ChatCompletionMessage message;
    try {
      if (completion.choices().isEmpty()) {
        throw new LlmException(
            Kind.UNAVAILABLE, 200, "The LLM server's answer has no choices: " + shown(completion));
      }
      message = completion.choices().get(0).message();
      if (message.refusal().isPresent() && message.content().isEmpty()) {
        throw new LlmException(
            Kind.REJECTED,
            200,
            "The model refused: " + mask(clip(message.refusal().get()), apiKey));
      }
      String text = message.content().orElse("").strip();
      if (text.isEmpty()) {
        throw new LlmException(Kind.UNAVAILABLE, 200, "The LLM server answered an empty message");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> json = ObjectMappers.jsonMapper().convertValue(completion, Map.class);
      return new Completion(text, completion.model(), json);
    } catch (OpenAIInvalidDataException e) {
      throw new LlmException(
          Kind.UNAVAILABLE,
          200,
          "The LLM server's answer is not a chat completion: "
              + mask(clip(e.getMessage()), apiKey));
    }
  }

  private String shown(ChatCompletion completion) {
    return clip(ObjectMappers.jsonMapper().valueToTree(completion).toString());
  }

  private LlmException translate(OpenAIException e, String apiKey) {
    if (e instanceof OpenAIServiceException service) {
      int status = service.statusCode();
      String serverMessage = mask(clip(serverMessage(service)), apiKey);
      boolean transient_ = status == 408 || status == 409 || status == 429 || status >= 500;
      int attempts = settings.maxRetries() + 1;
      return transient_
          ? new LlmException(
              Kind.UNAVAILABLE,
              status,
              "The LLM server answered HTTP %d (%d attempt%s): %s"
                  .formatted(status, attempts, attempts == 1 ? "" : "s", serverMessage))
          : new LlmException(
              Kind.REJECTED,
              status,
              "The LLM server refused the request with HTTP %d: %s"
                  .formatted(status, serverMessage));
    }
    if (e instanceof OpenAIIoException) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return new LlmException(
          Kind.UNAVAILABLE,
          0,
          "The LLM server at %s could not be reached: %s"
              .formatted(settings.baseUrl(), mask(clip(cause.toString()), apiKey)));
    }
    return new LlmException(
        Kind.UNAVAILABLE,
        0,
        "The LLM request failed: " + mask(clip(String.valueOf(e.getMessage())), apiKey));
  }

  /** OpenAI's {@code error.message}, else the other usual fields, else the whole body. */
  private static String serverMessage(OpenAIServiceException e) {
    JsonNode body;
    try {
      body = ObjectMappers.jsonMapper().valueToTree(e.body());
    } catch (IllegalArgumentException notJson) {
      return String.valueOf(e.getMessage());
    }
    if (body == null || body.isMissingNode() || body.isNull()) {
      return "(no body)";
    }
    if (body.isTextual()) {
      return body.asText();
    }
    for (JsonNode candidate :
        new JsonNode[] {
          body.path("error").path("message"),
          body.path("error"),
          body.path("message"),
          body.path("detail")
        }) {
      if (candidate.isTextual() && !candidate.asText().isBlank()) {
        return candidate.asText();
      }
    }
    return body.toString();
  }

  /** {@code text} with every occurrence of {@code key} replaced by {@code ***}. */
  static String mask(String text, String key) {
    if (text == null || key == null || key.isEmpty()) {
      return text;
    }
    return text.replace(key, "***");
  }

  private static String clip(String text) {
    if (text == null) {
      return "";
    }
    return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + "…";
  }

  /** Stops the client's connection pool and threads. */
  @Override
  public void close() {
    client.close();
  }
}
