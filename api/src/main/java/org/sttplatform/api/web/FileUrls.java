package org.sttplatform.api.web;

import java.net.InetAddress;
import java.util.Locale;
import okhttp3.HttpUrl;
import org.sttplatform.activities.NetworkGuard;

/**
 * The API's reading of a {@code file_url}, kept the same as the worker's: the host is the one
 * okhttp (the download client) canonicalises, and IP literals are read by {@link NetworkGuard} in
 * every form browsers accept ({@code 2130706433}, {@code 0x7f.1}, {@code [::ffff:127.0.0.1]}, ...).
 */
final class FileUrls {
  private FileUrls() {}

  /**
   * Whether {@code url} is an http(s) URL the worker can fetch: one {@code java.net.URI} reads with
   * a host, or one whose host is an IP literal in a form {@code URI} refuses ({@code 127.1}, {@code
   * 0x7f.1}) but okhttp fetches.
   */
  static boolean isHttpUrl(String url) {
    if (Params.isHttpUrl(url)) {
      return true;
    }
    HttpUrl parsed = okhttp(url);
    return parsed != null && NetworkGuard.literal(parsed.host()) != null;
  }

  /**
   * @throws ApiException 400 if {@code url}'s host is an IP literal downloads must not connect to
   */
  static void checkNotPrivate(String url) {
    String host = blockedLiteral(url);
    if (host != null) {
      throw ApiException.badRequest(NetworkGuard.message(host, false));
    }
  }

  /**
   * The same check for a {@code callback_url}, which callbacks are sent to through the same guard.
   *
   * @throws ApiException 400 if {@code url}'s host is an IP literal callbacks must not go to
   */
  static void checkCallbackNotPrivate(String url) {
    String host = blockedLiteral(url);
    if (host != null) {
      throw ApiException.badRequest(
          NetworkGuard.message(host, false)
              .replace("The media URL", "The callback URL")
              .replace("does not fetch from", "does not send to"));
    }
  }

  /** The host of {@code url} as the URL wrote it if it is a blocked IP literal, else null. */
  private static String blockedLiteral(String url) {
    HttpUrl parsed = okhttp(url);
    if (parsed == null) {
      return null; // not fetchable at all; the format check answers it
    }
    String host = parsed.host();
    InetAddress address = NetworkGuard.literal(host);
    if (address != null && NetworkGuard.isBlocked(address)) {
      // okhttp drops an IPv6 literal's brackets; the URL had them.
      return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    }
    return null;
  }

  private static HttpUrl okhttp(String url) {
    String trimmed = url.strip();
    String lower = trimmed.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
      return null;
    }
    return HttpUrl.parse(trimmed);
  }
}
