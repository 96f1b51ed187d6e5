package org.sttplatform.activities;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Sends callback POSTs through the same SSRF guard as downloads ({@link NetworkGuard}): an IP
 * literal is checked before anything is sent, a host name when it resolves (any blocked address
 * refuses it) and every address just before the socket connects. Redirects are not followed: a 3xx
 * is an answer like any other non-2xx (a POST redirected with 301/302 would arrive as a GET without
 * its body), so no redirect can lead the request elsewhere.
 */
public final class CallbackSender {
  /** Longest response excerpt kept, in bytes. */
  public static final int MAX_EXCERPT_BYTES = 1024;

  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final OkHttpClient client;
  private final Predicate<InetAddress> blocked;
  private final String userAgent;

  /**
   * @param allowPrivateNetworks {@code STT_FETCH_ALLOW_PRIVATE_NETWORKS}: whether callbacks may go
   *     to private and local addresses
   * @param timeout connect, read and write timeout of one attempt
   */
  public CallbackSender(boolean allowPrivateNetworks, Duration timeout, String userAgent) {
    this.blocked = allowPrivateNetworks ? a -> false : NetworkGuard::isBlocked;
    OkHttpClient base =
        new OkHttpClient.Builder()
            .followRedirects(false)
            .followSslRedirects(false)
            .retryOnConnectionFailure(false)
            .connectTimeout(timeout)
            .readTimeout(timeout)
            .writeTimeout(timeout)
            .callTimeout(timeout.multipliedBy(3))
            .build();
    this.client =
        allowPrivateNetworks
            ? NetworkGuard.readingLiterals(base)
            : NetworkGuard.guard(base, this.blocked);
    this.userAgent = Objects.requireNonNull(userAgent);
  }

  /**
   * The receiver's answer: its status and the start of its body.
   *
   * @param statusCode HTTP status
   * @param excerpt the body's first {@link #MAX_EXCERPT_BYTES} bytes as UTF-8 text
   */
  public record Answer(int statusCode, String excerpt) {
    /** Any 2xx, 204 and empty bodies included. */
    public boolean delivered() {
      return statusCode / 100 == 2;
    }
  }

  /** The URL's address is private or local and the guard refused it. */
  public static final class Refused extends Exception {
    Refused(String message) {
      super(message);
    }
  }

  /**
   * POSTs {@code body} as JSON to {@code url} with {@code headers}.
   *
   * @throws IllegalArgumentException if {@code url} is not an http(s) URL
   * @throws Refused if the guard refuses the address
   * @throws IOException if no answer came (connection refused, timeout, reset)
   */
  public Answer post(String url, byte[] body, Map<String, String> headers)
      throws IOException, Refused {
    HttpUrl parsed = url == null ? null : HttpUrl.parse(url.strip());
    if (parsed == null) {
      throw new IllegalArgumentException("The callback URL is not an http or https URL");
    }
    InetAddress literal = NetworkGuard.literal(parsed.host());
    if (literal != null && blocked.test(literal)) {
      throw new Refused(refusal(parsed.host()));
    }
    Request.Builder request = new Request.Builder();
    if (!parsed.username().isEmpty()) {
      // A login in the URL (https://user:pass@host/…) is sent as basic auth, as browsers do.
      request.header("Authorization", Credentials.basic(parsed.username(), parsed.password()));
      parsed = parsed.newBuilder().username("").password("").build();
    }
    request
        .url(NetworkGuard.canonical(parsed))
        .post(RequestBody.create(body, JSON))
        .header("User-Agent", userAgent)
        .header("Accept", "application/json");
    headers.forEach(request::header);
    try (Response response = client.newCall(request.build()).execute()) {
      return new Answer(response.code(), excerpt(response.body()));
    } catch (IOException e) {
      NetworkGuard.BlockedAddressException refused = NetworkGuard.BlockedAddressException.in(e);
      if (refused != null) {
        throw new Refused(refusal(refused.host()));
      }
      throw e;
    }
  }

  private static String refusal(String host) {
    return "The callback URL points to a private or local network address ("
        + host
        + "), which this server does not send to; an operator can allow it with "
        + CpuWorkerSettings.ALLOW_PRIVATE_NETWORKS
        + "=true";
  }

  private static String excerpt(ResponseBody body) throws IOException {
    if (body == null) {
      return "";
    }
    try (InputStream in = body.byteStream()) {
      byte[] bytes = in.readNBytes(MAX_EXCERPT_BYTES);
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }
}
