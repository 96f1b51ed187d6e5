package org.sttplatform.activities;

import io.temporal.client.ActivityCompletionException;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sttplatform.workflows.Failures;
import org.sttplatform.workflows.model.MediaRef;

/** Streams a media URL into a task's working folder. See {@link MediaActivitiesImpl#fetch}. */
final class HttpFetcher {

  private static final Logger log = LoggerFactory.getLogger(HttpFetcher.class);
  private static final int BUFFER = 64 * 1024;

  private final OkHttpClient client;
  private final DataLayout layout;
  private final CpuWorkerSettings settings;

  private final Predicate<InetAddress> blocked;
  private final HandBack handBack;

  /**
   * Unless {@code settings} allow private networks, {@code client} is wrapped by {@link
   * NetworkGuard}.
   */
  HttpFetcher(OkHttpClient client, DataLayout layout, CpuWorkerSettings settings) {
    this(client, layout, settings, NetworkGuard::isBlocked, new HandBack());
  }

  /** With another notion of blocked addresses (tests that need one allowed local server). */
  HttpFetcher(
      OkHttpClient client,
      DataLayout layout,
      CpuWorkerSettings settings,
      Predicate<InetAddress> blocked,
      HandBack handBack) {
    this.handBack = handBack;
    this.blocked = settings.allowPrivateNetworks() ? a -> false : blocked;
    this.client =
        settings.allowPrivateNetworks()
            ? NetworkGuard.readingLiterals(client)
            : NetworkGuard.guard(client, this.blocked);
    this.layout = layout;
    this.settings = settings;
  }

  /** A requester on the same guarded client (the {@code http_request} component). */
  HttpRequester requester() {
    return new HttpRequester(client, blocked, settings, handBack);
  }

  static OkHttpClient newClient(CpuWorkerSettings settings) {
    return new OkHttpClient.Builder()
        .followRedirects(true)
        .followSslRedirects(true)
        .retryOnConnectionFailure(true)
        .connectTimeout(settings.connectTimeout())
        .readTimeout(settings.readTimeout())
        .writeTimeout(settings.readTimeout())
        .build();
  }

  MediaRef fetch(long taskId, String url) {
    return fetch("Task " + taskId, () -> layout.createWorkDir(taskId), url);
  }

  /** Where a download goes: created on first use. */
  interface WorkDir {
    Path create() throws IOException;
  }

  /**
   * Downloads {@code url} into the folder {@code workDir} creates.
   *
   * @param who names the task or run in log lines and messages, e.g. {@code Task 12}
   */
  MediaRef fetch(String who, WorkDir workDir, String url) {
    return fetch(who, workDir, url, Map.of(), false);
  }

  /**
   * A 403 or 410 answer to a download that asked for it ({@code expirySignalled}): a signed media
   * URL that has expired. {@link #failure()} is what the download would have failed with.
   */
  static final class ExpiredUrlException extends RuntimeException {
    private final ApplicationFailure failure;

    ExpiredUrlException(ApplicationFailure failure) {
      super(failure.getOriginalMessage(), null, false, false);
      this.failure = failure;
    }

    ApplicationFailure failure() {
      return failure;
    }
  }

  /** Headers callers may not set: the fetcher's own, or hop-by-hop ones okhttp manages. */
  private static final Set<String> RESERVED_HEADERS =
      Set.of("host", "content-length", "transfer-encoding", "connection", "accept-encoding");

  /**
   * Downloads {@code url} with {@code headers} (a User-Agent among them replaces the fetcher's).
   *
   * @param expirySignalled throw {@link ExpiredUrlException} instead of failing on 403 or 410
   */
  MediaRef fetch(
      String who,
      WorkDir workDir,
      String url,
      Map<String, String> headers,
      boolean expirySignalled) {
    HttpUrl given = validate(url);
    String shown = redact(given);
    InetAddress literal = NetworkGuard.literal(given.host());
    if (literal != null && blocked.test(literal)) {
      throw refused(given, given.host());
    }
    // What is fetched is the address just checked, however the URL spells it.
    HttpUrl parsed = NetworkGuard.canonical(given);
    Heartbeater heartbeat = Heartbeater.current(settings.heartbeatInterval(), handBack);
    heartbeat.beat(0L);

    Path dir;
    try {
      dir = workDir.create();
    } catch (IOException e) {
      throw ApplicationFailure.newFailureWithCause(
          "Cannot create the working folder of " + who + ": " + e.getMessage(),
          Failures.FETCH_FAILED,
          e);
    }

    Request.Builder builder =
        new Request.Builder()
            .url(parsed)
            .header("User-Agent", settings.userAgent())
            .header("Accept", "audio/*, video/*, */*;q=0.8")
            .get();
    if (headers != null) {
      for (Map.Entry<String, String> h : headers.entrySet()) {
        String name = h.getKey();
        if (name == null
            || h.getValue() == null
            || RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
          continue;
        }
        try {
          builder.header(name, h.getValue());
        } catch (IllegalArgumentException e) {
          // okhttp's message would show the value, which may be a cookie
          throw ApplicationFailure.newNonRetryableFailure(
              "Invalid request header '" + name.replaceAll("[^\\x21-\\x7e]", "?") + "'",
              Failures.BAD_URL);
        }
      }
    }
    Request request = builder.build();
    Path part = null;
    boolean done = false;
    long started = System.nanoTime();
    Call call = client.newCall(request);
    // Nothing else heartbeats during DNS, connect, the wait for headers or a stalled read.
    try (Heartbeater.KeepAlive alive = heartbeat.keepAlive(call::cancel);
        Response response = call.execute()) {
      if (expirySignalled && (response.code() == 403 || response.code() == 410)) {
        try {
          checkStatus(response, shown);
        } catch (ApplicationFailure failure) {
          throw new ExpiredUrlException(failure);
        }
      }
      checkStatus(response, shown);
      ResponseBody body = response.body();
      long declared = body.contentLength();
      if (declared > settings.maxDownloadBytes()) {
        throw tooLarge("its Content-Length is " + Bytes.human(declared));
      }
      String fileName = DownloadNames.fileName(response, parsed);
      String ext = DownloadNames.extension(fileName, body.contentType());
      Path target = dir.resolve("source" + ext);
      // Unique per attempt: a stale attempt still running must not touch this one's file.
      part = dir.resolve("source" + ext + "." + UUID.randomUUID() + ".part");

      long size;
      try (InputStream in = body.byteStream();
          OutputStream out = Files.newOutputStream(part)) {
        size = copy(in, out, heartbeat);
      }
      if (size == 0) {
        throw ApplicationFailure.newNonRetryableFailure(
            "The media URL returned an empty body: " + shown, Failures.BAD_MEDIA);
      }
      move(part, target);
      done = true;
      heartbeat.beat(size);
      log.info(
          "{}: fetched {} ({}) to {} in {} ms",
          who,
          shown,
          Bytes.human(size),
          target.getFileName(),
          (System.nanoTime() - started) / 1_000_000);
      return new MediaRef(layout.files().put(target), fileName, size);
    } catch (ActivityCompletionException e) {
      log.info("{}: download of {} stopped: {}", who, shown, e.getClass().getSimpleName());
      throw e;
    } catch (IOException e) {
      // A keep-alive heartbeat learnt that the activity was cancelled and cancelled the call.
      heartbeat.throwIfStopped();
      NetworkGuard.BlockedAddressException refusal = NetworkGuard.BlockedAddressException.in(e);
      if (refusal != null) {
        log.info("{}: refused to fetch {}: {}", who, shown, refusal.getMessage());
        throw refused(parsed, refusal.host());
      }
      if (permanent(e)) {
        throw ApplicationFailure.newNonRetryableFailureWithCause(
            "The media URL cannot be downloaded: " + shown + ": " + describe(e),
            Failures.BAD_URL,
            e);
      }
      throw ApplicationFailure.newFailureWithCause(
          "Downloading " + shown + " failed: " + describe(e), Failures.FETCH_FAILED, e);
    } finally {
      if (!done && part != null) {
        deleteQuietly(part);
      }
    }
  }

  /** Non-retryable {@code BadUrl}: the URL or one of its redirects leads to a blocked address. */
  private static ApplicationFailure refused(HttpUrl url, String host) {
    return ApplicationFailure.newNonRetryableFailure(
        NetworkGuard.message(host, !host.equalsIgnoreCase(url.host())), Failures.BAD_URL);
  }

  /** http(s) with a host, else non-retryable {@code BadUrl}. */
  static HttpUrl validate(String url) {
    if (url == null || url.isBlank()) {
      throw ApplicationFailure.newNonRetryableFailure("The media URL is empty", Failures.BAD_URL);
    }
    String trimmed = url.strip();
    int colon = trimmed.indexOf(':');
    String scheme = colon > 0 ? trimmed.substring(0, colon).toLowerCase(Locale.ROOT) : "";
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw ApplicationFailure.newNonRetryableFailure(
          "Only http and https media URLs are supported"
              + (scheme.matches("[a-z][a-z0-9+.-]*") ? " (got " + scheme + ":)" : ""),
          Failures.BAD_URL);
    }
    HttpUrl parsed = HttpUrl.parse(trimmed);
    if (parsed == null || parsed.host().isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "The media URL is malformed or has no host", Failures.BAD_URL);
    }
    return parsed;
  }

  /** The URL without credentials, query string and fragment: signed URLs carry secrets there. */
  static String redact(HttpUrl url) {
    return url.newBuilder().username("").password("").query(null).fragment(null).build().toString();
  }

  private static void checkStatus(Response response, String shown) {
    int code = response.code();
    if (code >= 200 && code < 300) {
      return;
    }
    String status = "HTTP " + code + (response.message().isBlank() ? "" : " " + response.message());
    if (code == 408 || code == 429 || code >= 500) {
      throw ApplicationFailure.newFailure(
          "The media server answered " + status + ": " + shown, Failures.FETCH_FAILED);
    }
    // 4xx, and 1xx/3xx that were not followed (e.g. a redirect without Location).
    throw ApplicationFailure.newNonRetryableFailure(
        "The media URL answered " + status + ": " + shown, Failures.BAD_URL);
  }

  private long copy(InputStream in, OutputStream out, Heartbeater heartbeat) throws IOException {
    byte[] buffer = new byte[BUFFER];
    long total = 0;
    int n;
    while ((n = in.read(buffer)) != -1) {
      total += n;
      if (total > settings.maxDownloadBytes()) {
        throw tooLarge("the download passed it");
      }
      out.write(buffer, 0, n);
      heartbeat.maybeBeat(total);
    }
    return total;
  }

  private ApplicationFailure tooLarge(String why) {
    long max = settings.maxDownloadBytes();
    return ApplicationFailure.newNonRetryableFailure(
        "The media is larger than the limit of "
            + Bytes.human(max)
            + (max >= 1024 ? " (" + max + " bytes)" : "")
            + ": "
            + why,
        Failures.MEDIA_TOO_LARGE);
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * Failures that a retry cannot fix: a redirect loop ("Too many follow-up requests"), a
   * certificate not valid for the host, a scheme or cleartext connection the client refuses.
   */
  static boolean permanent(IOException e) {
    return e instanceof javax.net.ssl.SSLPeerUnverifiedException
        || e instanceof java.net.UnknownServiceException
        || (e instanceof java.net.ProtocolException
            && e.getMessage() != null
            && e.getMessage().startsWith("Too many follow-up requests"));
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    String type = e.getClass().getSimpleName();
    return message == null || message.isBlank() ? type : type + ": " + message;
  }

  static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      log.warn("Cannot delete {}: {}", p, e.toString());
    }
  }
}
