package org.sttplatform.activities.crawl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.sttplatform.activities.NetworkGuard;

/**
 * The crawler's requests: one at a time, redirects followed by hand (so each hop can be read for an
 * id without being fetched), bodies read up to a bound, on a client guarded against private
 * networks like the media downloads.
 */
final class CrawlHttp {
  /** Largest page or API answer read; real pages are a few hundred KiB. */
  static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

  /** Most redirects followed from a short link. */
  static final int MAX_HOPS = 8;

  private final OkHttpClient client;

  /**
   * @param client the base client; a copy that does not follow redirects and is guarded by {@link
   *     NetworkGuard} (unless private networks are allowed) is used
   */
  CrawlHttp(OkHttpClient client, boolean allowPrivateNetworks) {
    this.client =
        NetworkGuard.guarded(
            client.newBuilder().followRedirects(false).followSslRedirects(false).build(),
            allowPrivateNetworks);
  }

  /**
   * One answer.
   *
   * @param url the URL asked
   * @param code its HTTP status
   * @param location the redirect target, resolved against {@code url}, or {@code null}
   * @param body the body as text (at most {@link #MAX_BODY_BYTES})
   * @param cookies the cookies the answer set, name → value
   */
  record Page(HttpUrl url, int code, HttpUrl location, String body, Map<String, String> cookies) {
    boolean ok() {
      return code >= 200 && code < 300;
    }
  }

  /** GETs {@code url} with {@code headers}; {@code what} names it in messages. */
  Page get(HttpUrl url, Map<String, String> headers, String what) {
    Request.Builder request = new Request.Builder().url(NetworkGuard.canonical(url)).get();
    headers.forEach(request::header);
    try (Response response = client.newCall(request.build()).execute()) {
      String location = response.header("Location");
      HttpUrl target = location == null ? null : url.resolve(location);
      Map<String, String> cookies = new LinkedHashMap<>();
      // name=value of each Set-Cookie, whatever its Domain: they go to the platform's own CDN
      // (TikTok sets them on .tiktok.com; a stand-in host would otherwise lose them).
      for (String header : response.headers("Set-Cookie")) {
        String pair = header.split(";", 2)[0];
        int eq = pair.indexOf('=');
        if (eq > 0) {
          cookies.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
      }
      String body = response.isRedirect() ? "" : read(response.body(), what);
      return new Page(url, response.code(), target, body, cookies);
    } catch (IOException e) {
      String refused = NetworkGuard.refusedHost(e);
      if (refused != null) {
        throw new CrawlException(
            CrawlException.Kind.NOT_A_POST,
            NetworkGuard.message(refused, !refused.equalsIgnoreCase(url.host()))
                .replace("The media URL", "The link"),
            e);
      }
      throw new CrawlException(
          CrawlException.Kind.FAILED,
          "Could not read " + what + ": " + e.getClass().getSimpleName() + ": " + e.getMessage(),
          e);
    }
  }

  /**
   * Follows redirects from {@code start} until {@code done} accepts a URL, a URL leaves {@code
   * within} (neither is fetched) or an answer is not a redirect.
   *
   * @return the accepted URL, or the last URL reached
   */
  HttpUrl resolve(
      HttpUrl start,
      Map<String, String> headers,
      Predicate<HttpUrl> within,
      Predicate<HttpUrl> done,
      String what) {
    HttpUrl current = start;
    for (int hop = 0; hop <= MAX_HOPS; hop++) {
      if (!within.test(current) || done.test(current)) {
        return current;
      }
      Page page = get(current, headers, what);
      if (page.location() == null || page.code() < 300 || page.code() >= 400) {
        return current;
      }
      current = page.location();
    }
    throw new CrawlException(
        CrawlException.Kind.NOT_A_POST, "The link redirects more than " + MAX_HOPS + " times");
  }

  private static String read(ResponseBody body, String what) throws IOException {
    MediaType type = body.contentType();
    Charset charset = type == null ? null : type.charset();
    try (InputStream in = body.byteStream()) {
      byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
      if (bytes.length > MAX_BODY_BYTES) {
        throw new CrawlException(
            CrawlException.Kind.FAILED,
            what + " is larger than " + (MAX_BODY_BYTES >> 20) + " MiB: not a post page");
      }
      return new String(bytes, charset == null ? StandardCharsets.UTF_8 : charset);
    }
  }

  /** {@code name=value; …} of {@code cookies}. */
  static String cookieHeader(Map<String, String> cookies) {
    return String.join(
        "; ", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
  }
}
