package org.sttplatform.activities.llm;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.sttplatform.workflows.settings.EnvSettings;

/**
 * Where and how summaries are made: any server speaking OpenAI's Chat Completions API (OpenAI,
 * Azure's OpenAI-compatible endpoint, vLLM, Ollama, llama.cpp's server, LiteLLM…). The API and the
 * CPU worker read the same variables.
 *
 * @param baseUrl the API root that {@code /chat/completions} is appended to ({@code
 *     STT_LLM_BASE_URL}, default {@value #DEFAULT_BASE_URL})
 * @param apiKey the bearer key ({@code STT_LLM_API_KEY}), or {@code null}: then only a request that
 *     brings its own key (the REST endpoint's {@code chatgpt_api_key}) can be summarised. Never
 *     shown by {@link #toString}
 * @param model the default model ({@code STT_LLM_MODEL}, default {@value #DEFAULT_MODEL})
 * @param contextTokens the model's context window in tokens ({@code STT_LLM_CONTEXT_TOKENS},
 *     default {@value #DEFAULT_CONTEXT_TOKENS}); longer texts are summarised in pieces (see {@link
 *     TokenEstimator})
 * @param timeout the longest one HTTP attempt may take ({@code STT_LLM_TIMEOUT_SECONDS}, default
 *     120)
 * @param maxRetries how often one request is retried on 408, 409, 429, 5xx or a network error, with
 *     exponential back-off (honouring {@code Retry-After}) ({@code STT_LLM_MAX_RETRIES}, default
 *     {@value #DEFAULT_MAX_RETRIES})
 */
public record LlmSettings(
    String baseUrl,
    String apiKey,
    String model,
    int contextTokens,
    Duration timeout,
    int maxRetries) {

  public static final String BASE_URL_ENV = "STT_LLM_BASE_URL";
  public static final String API_KEY_ENV = "STT_LLM_API_KEY";
  public static final String MODEL_ENV = "STT_LLM_MODEL";
  public static final String CONTEXT_TOKENS_ENV = "STT_LLM_CONTEXT_TOKENS";
  public static final String TIMEOUT_ENV = "STT_LLM_TIMEOUT_SECONDS";
  public static final String MAX_RETRIES_ENV = "STT_LLM_MAX_RETRIES";

  public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
  public static final String DEFAULT_MODEL = "gpt-4o-mini";

  /**
   * Small enough for most local models (and far below OpenAI's current ones, which then get fewer,
   * larger pieces if it is raised).
   */
  public static final int DEFAULT_CONTEXT_TOKENS = 16_384;

  /** Below this, a prompt, a piece and the answer do not fit together in any useful way. */
  public static final int MIN_CONTEXT_TOKENS = 1_024;

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
  public static final int DEFAULT_MAX_RETRIES = 3;

  public LlmSettings {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(timeout, "timeout");
    apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
    checkUrl(baseUrl);
    if (contextTokens < MIN_CONTEXT_TOKENS) {
      throw new IllegalArgumentException(
          CONTEXT_TOKENS_ENV
              + " must be at least "
              + MIN_CONTEXT_TOKENS
              + ", was "
              + contextTokens);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException(TIMEOUT_ENV + " must be positive, was " + timeout);
    }
    if (maxRetries < 0) {
      throw new IllegalArgumentException(MAX_RETRIES_ENV + " must not be negative: " + maxRetries);
    }
  }

  /** Defaults, without a key. */
  public static LlmSettings defaults() {
    return new LlmSettings(
        DEFAULT_BASE_URL,
        null,
        DEFAULT_MODEL,
        DEFAULT_CONTEXT_TOKENS,
        DEFAULT_TIMEOUT,
        DEFAULT_MAX_RETRIES);
  }

  /** Settings from the process environment. */
  public static LlmSettings fromEnv() {
    return fromEnv(System.getenv());
  }

  /**
   * Settings from {@code env}; blank values count as unset.
   *
   * @throws IllegalArgumentException for a value that is not a number or out of range (the message
   *     names the variable)
   */
  public static LlmSettings fromEnv(Map<String, String> env) {
    LlmSettings d = defaults();
    EnvSettings e = new EnvSettings(env);
    return new LlmSettings(
        e.string(BASE_URL_ENV, d.baseUrl()),
        e.string(API_KEY_ENV, null),
        e.string(MODEL_ENV, d.model()),
        e.integer(CONTEXT_TOKENS_ENV, d.contextTokens()),
        e.seconds(TIMEOUT_ENV, d.timeout()),
        e.integer(MAX_RETRIES_ENV, d.maxRetries()));
  }

  /** Whether a key is configured. */
  public boolean hasApiKey() {
    return apiKey != null;
  }

  /** A copy with another server and key (tests, or an application of its own). */
  public LlmSettings withServer(String url, String key) {
    return new LlmSettings(url, key, model, contextTokens, timeout, maxRetries);
  }

  /** A copy with another context size. */
  public LlmSettings withContextTokens(int tokens) {
    return new LlmSettings(baseUrl, apiKey, model, tokens, timeout, maxRetries);
  }

  /** Everything but the key, which is only said to be set or not. */
  @Override
  public String toString() {
    return "LlmSettings[baseUrl=%s, apiKey=%s, model=%s, contextTokens=%d, timeout=%s, maxRetries=%d]"
        .formatted(
            baseUrl, hasApiKey() ? "(set)" : "(none)", model, contextTokens, timeout, maxRetries);
  }

  /** An absolute http(s) URL with a host, or the setting is refused at start (not per request). */
  private static void checkUrl(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      uri = null;
    }
    String scheme = uri == null ? null : uri.getScheme();
    if (scheme == null
        || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
        || uri.getHost() == null) {
      throw new IllegalArgumentException(
          BASE_URL_ENV + " must be an http or https URL such as " + DEFAULT_BASE_URL);
    }
  }
}
