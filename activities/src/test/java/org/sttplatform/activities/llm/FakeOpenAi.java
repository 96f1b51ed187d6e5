package org.sttplatform.activities.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * An OpenAI-compatible server on 127.0.0.1 answering {@code POST /v1/chat/completions} in OpenAI's
 * exact response shape, and recording every request. By default each answer is {@code Summary #n}
 * (n counts requests from 1) followed by how many tokens the user message had; scripted error
 * answers (OpenAI's error shape) are served first, in order.
 */
public final class FakeOpenAi implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request as the server saw it. */
  public record Seen(String path, String authorization, String model, String system, String user) {}

  private final MockWebServer server = new MockWebServer();
  private final List<Seen> requests = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedDeque<MockResponse> scripted = new ConcurrentLinkedDeque<>();

  public FakeOpenAi() {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return answer(request);
          }
        });
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The API root to configure, e.g. {@code http://127.0.0.1:1234/v1}. */
  public String baseUrl() {
    return server.url("/v1").toString();
  }

  public List<Seen> requests() {
    return new ArrayList<>(requests);
  }

  /** The next answer is this HTTP error with OpenAI's error body. */
  public void failNext(int status, String message) {
    scripted.add(error(status, message));
  }

  /** Every answer is this error until {@link #reset}. */
  public void failAlways(int status, String message) {
    for (int i = 0; i < 50; i++) {
      failNext(status, message);
    }
  }

  public void reset() {
    scripted.clear();
    requests.clear();
  }

  private MockResponse answer(RecordedRequest request) {
    JsonNode body;
    try {
      body = JSON.readTree(request.getBody() == null ? "{}" : request.getBody().utf8());
    } catch (IOException e) {
      return error(400, "We could not parse the JSON body of your request.");
    }
    String system = null;
    String user = null;
    for (JsonNode message : body.path("messages")) {
      if (message.path("role").asText().equals("system")) {
        system = message.path("content").asText();
      } else if (message.path("role").asText().equals("user")) {
        user = message.path("content").asText();
      }
    }
    requests.add(
        new Seen(
            request.getUrl().encodedPath(),
            request.getHeaders().get("Authorization"),
            body.path("model").asText(null),
            system,
            user));
    MockResponse next = scripted.poll();
    if (next != null) {
      return next;
    }
    if (!request.getUrl().encodedPath().equals("/v1/chat/completions")) {
      return error(404, "Invalid URL (POST " + request.getUrl().encodedPath() + ")");
    }
    String content =
        "Summary #" + requests.size() + " of " + TokenEstimator.estimate(user) + " tokens";
    return json(200, completion(body.path("model").asText(), content, user));
  }

  /** A chat completion exactly as OpenAI's API returns one. */
  static ObjectNode completion(String model, String content, String prompt) {
    ObjectNode c = JSON.createObjectNode();
    c.put("id", "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT");
    c.put("object", "chat.completion");
    c.put("created", 1741569952L);
    c.put("model", model + "-2024-07-18");
    ArrayNode choices = c.putArray("choices");
    ObjectNode choice = choices.addObject();
    choice.put("index", 0);
    ObjectNode message = choice.putObject("message");
    message.put("role", "assistant");
    message.put("content", content);
    message.putNull("refusal");
    message.putArray("annotations");
    choice.putNull("logprobs");
    choice.put("finish_reason", "stop");
    ObjectNode usage = c.putObject("usage");
    int in = prompt == null ? 0 : TokenEstimator.estimate(prompt);
    int out = TokenEstimator.estimate(content);
    usage.put("prompt_tokens", in);
    usage.put("completion_tokens", out);
    usage.put("total_tokens", in + out);
    ObjectNode promptDetails = usage.putObject("prompt_tokens_details");
    promptDetails.put("cached_tokens", 0);
    promptDetails.put("audio_tokens", 0);
    ObjectNode completionDetails = usage.putObject("completion_tokens_details");
    completionDetails.put("reasoning_tokens", 0);
    completionDetails.put("audio_tokens", 0);
    completionDetails.put("accepted_prediction_tokens", 0);
    completionDetails.put("rejected_prediction_tokens", 0);
    c.put("service_tier", "default");
    c.putNull("system_fingerprint");
    return c;
  }

  private static MockResponse error(int status, String message) {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode error = body.putObject("error");
    error.put("message", message);
    error.put(
        "type",
        status == 429 ? "requests" : status >= 500 ? "server_error" : "invalid_request_error");
    error.putNull("param");
    error.putNull("code");
    return json(status, body);
  }

  private static MockResponse json(int status, JsonNode body) {
    return new MockResponse.Builder()
        .code(status)
        .addHeader("Content-Type", "application/json")
        .body(body.toString())
        .build();
  }

  @Override
  public void close() {
    server.close();
  }
}
