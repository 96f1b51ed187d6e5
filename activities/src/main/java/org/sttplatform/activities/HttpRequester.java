package org.sttplatform.activities;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.sttplatform.workflows.Failures;
import org.sttplatform.workflows.pipeline.component.io.HttpRequestInput;
import org.sttplatform.workflows.pipeline.component.io.HttpRequestOutput;

/**
 * The {@code http_request} component: one request through the same SSRF guard as downloads.
 *
 * <p>Failures: a malformed URL, a blocked address, an unknown method or an unexpected 4xx status
 * are non-retryable {@link Failures#BAD_URL}; network errors, 408, 429 and 5xx are retryable {@link
 * #Failures.REQUEST_FAILED}. The body kept is at most {@link HttpRequestOutput#MAX_BODY_BYTES}.
 */
final class HttpRequester {
  private static final Set<String> METHODS =
      Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD");
  private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final OkHttpClient client;
  private final Predicate<InetAddress> blocked;
  private final CpuWorkerSettings settings;
  private final HandBack handBack;

  HttpRequester(
      OkHttpClient guardedClient,
      Predicate<InetAddress> blocked,
      CpuWorkerSettings settings,
      HandBack handBack) {
    this.client = guardedClient;
    this.blocked = blocked;
    this.settings = settings;
    this.handBack = handBack;
  }

  HttpRequestOutput send(HttpRequestInput input) {
    HttpUrl given = HttpFetcher.validate(input.url());
    InetAddress literal = NetworkGuard.literal(given.host());
    if (literal != null && blocked.test(literal)) {
      throw ApplicationFailure.newNonRetryableFailure(
          NetworkGuard.message(given.host(), false), Failures.BAD_URL);
    }
    HttpUrl url = NetworkGuard.canonical(given);
    String method = input.method() == null ? "GET" : input.method().toUpperCase(Locale.ROOT);
    if (!METHODS.contains(method)) {
      throw ApplicationFailure.newNonRetryableFailure(
          "Unknown HTTP method '" + input.method() + "'; one of " + METHODS, Failures.BAD_URL);
    }
    Request.Builder request = new Request.Builder().url(url).method(method, body(method, input));
    request.header("User-Agent", settings.userAgent());
    if (input.headers() != null) {
      input.headers().forEach(request::header);
    }
    String shown = HttpFetcher.redact(url);
    Heartbeater heartbeat = Heartbeater.current(settings.heartbeatInterval(), handBack);
    Call call = client.newCall(request.build());
    try (Heartbeater.KeepAlive alive = heartbeat.keepAlive(call::cancel);
        Response response = call.execute()) {
      checkStatus(response.code(), input.expectStatus(), shown);
      String text = read(response.body());
      return new HttpRequestOutput(response.code(), headers(response), text, json(response, text));
    } catch (IOException e) {
      heartbeat.throwIfStopped();
      NetworkGuard.BlockedAddressException refusal = NetworkGuard.BlockedAddressException.in(e);
      if (refusal != null) {
        throw ApplicationFailure.newNonRetryableFailure(
            NetworkGuard.message(refusal.host(), true), Failures.BAD_URL);
      }
      throw ApplicationFailure.newFailureWithCause(
          "The request to " + shown + " failed: " + e, Failures.REQUEST_FAILED, e);
    }
  }

  private static RequestBody body(String method, HttpRequestInput input) {
    if (method.equals("GET") || method.equals("HEAD")) {
      return null;
    }
    Object body = input.body();
    if (body == null) {
      return RequestBody.create(new byte[0], null);
    }
    if (body instanceof String text) {
      return RequestBody.create(text, MediaType.get("text/plain; charset=utf-8"));
    }
    try {
      return RequestBody.create(JSON.writeValueAsString(body), JSON_TYPE);
    } catch (JsonProcessingException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          "The request body cannot be written as JSON: " + e.getOriginalMessage(),
          Failures.BAD_URL);
    }
  }

  private static void checkStatus(int code, List<Integer> expected, String shown) {
    boolean ok = expected == null || expected.isEmpty() ? code / 100 == 2 : expected.contains(code);
    if (ok) {
      return;
    }
    String message = shown + " answered HTTP " + code;
    if (code == 408 || code == 429 || code >= 500) {
      throw ApplicationFailure.newFailure(message, Failures.REQUEST_FAILED);
    }
    throw ApplicationFailure.newNonRetryableFailure(message, Failures.BAD_URL);
  }

  /** The body as UTF-8 text, cut at the limit: outputs travel in the run's history. */
  private static String read(ResponseBody body) throws IOException {
    if (body == null) {
      return "";
    }
    try (InputStream in = body.byteStream()) {
      byte[] bytes = in.readNBytes(HttpRequestOutput.MAX_BODY_BYTES);
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  private static Map<String, String> headers(Response response) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (String name : response.headers().names()) {
      headers.put(name.toLowerCase(Locale.ROOT), response.header(name));
    }
    return headers;
  }

  private static Object json(Response response, String text) {
    String type = response.header("Content-Type", "");
    if (!type.toLowerCase(Locale.ROOT).contains("json") || text.isEmpty()) {
      return null;
    }
    try {
      return JSON.readValue(text, Object.class);
    } catch (JsonProcessingException e) {
      return null; // not JSON after all (or cut at the limit): the text is still there
    }
  }
}
