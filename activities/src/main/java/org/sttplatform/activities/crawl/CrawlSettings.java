package org.sttplatform.activities.crawl;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import okhttp3.HttpUrl;
import org.sttplatform.workflows.settings.EnvSettings;

/**
 * Where the crawler finds Douyin and TikTok, and the Douyin web cookie. The base URLs exist so that
 * tests (and proxies or mirrors) can stand in for the real hosts; links whose host is that of a
 * base URL count as links of its platform, besides the platform's own domains.
 *
 * @param douyinBaseUrl Douyin web site and web API ({@code STT_DOUYIN_BASE_URL}, default {@code
 *     https://www.douyin.com})
 * @param douyinShareBaseUrl Douyin's public share pages ({@code STT_DOUYIN_SHARE_BASE_URL}, default
 *     {@code https://www.iesdouyin.com})
 * @param douyinShortLinkBaseUrl the host of Douyin app short links ({@code
 *     STT_DOUYIN_SHORT_LINK_BASE_URL}, default {@code https://v.douyin.com}); only recognised
 * @param douyinCookie a browser cookie of www.douyin.com for the web API fallback ({@code
 *     STT_DOUYIN_COOKIE}), or {@code null}; never logged or echoed
 * @param tiktokBaseUrl TikTok web site ({@code STT_TIKTOK_BASE_URL}, default {@code
 *     https://www.tiktok.com})
 * @param tiktokShortLinkBaseUrl the host of TikTok short links ({@code
 *     STT_TIKTOK_SHORT_LINK_BASE_URL}, default {@code https://vm.tiktok.com}); only recognised
 */
public record CrawlSettings(
    HttpUrl douyinBaseUrl,
    HttpUrl douyinShareBaseUrl,
    HttpUrl douyinShortLinkBaseUrl,
    String douyinCookie,
    HttpUrl tiktokBaseUrl,
    HttpUrl tiktokShortLinkBaseUrl) {

  public static final String DOUYIN_BASE_URL = "STT_DOUYIN_BASE_URL";
  public static final String DOUYIN_SHARE_BASE_URL = "STT_DOUYIN_SHARE_BASE_URL";
  public static final String DOUYIN_SHORT_LINK_BASE_URL = "STT_DOUYIN_SHORT_LINK_BASE_URL";
  public static final String DOUYIN_COOKIE = "STT_DOUYIN_COOKIE";
  public static final String TIKTOK_BASE_URL = "STT_TIKTOK_BASE_URL";
  public static final String TIKTOK_SHORT_LINK_BASE_URL = "STT_TIKTOK_SHORT_LINK_BASE_URL";

  public CrawlSettings {
    Objects.requireNonNull(douyinBaseUrl, "douyinBaseUrl");
    Objects.requireNonNull(douyinShareBaseUrl, "douyinShareBaseUrl");
    Objects.requireNonNull(douyinShortLinkBaseUrl, "douyinShortLinkBaseUrl");
    Objects.requireNonNull(tiktokBaseUrl, "tiktokBaseUrl");
    Objects.requireNonNull(tiktokShortLinkBaseUrl, "tiktokShortLinkBaseUrl");
    douyinCookie = douyinCookie == null || douyinCookie.isBlank() ? null : douyinCookie.strip();
  }

  /** The real services, without a Douyin cookie. */
  public static CrawlSettings defaults() {
    return fromEnv(Map.of());
  }

  /** Settings from {@code env}; blank values count as unset. */
  public static CrawlSettings fromEnv(Map<String, String> env) {
    EnvSettings e = new EnvSettings(env);
    return new CrawlSettings(
        url(e, DOUYIN_BASE_URL, "https://www.douyin.com"),
        url(e, DOUYIN_SHARE_BASE_URL, "https://www.iesdouyin.com"),
        url(e, DOUYIN_SHORT_LINK_BASE_URL, "https://v.douyin.com"),
        e.string(DOUYIN_COOKIE, null),
        url(e, TIKTOK_BASE_URL, "https://www.tiktok.com"),
        url(e, TIKTOK_SHORT_LINK_BASE_URL, "https://vm.tiktok.com"));
  }

  /** These settings with another Douyin cookie ({@code null}: none). */
  public CrawlSettings withDouyinCookie(String cookie) {
    return new CrawlSettings(
        douyinBaseUrl,
        douyinShareBaseUrl,
        douyinShortLinkBaseUrl,
        cookie,
        tiktokBaseUrl,
        tiktokShortLinkBaseUrl);
  }

  /** Whether {@code url}'s host belongs to {@code platform}: its domains or a base URL's host. */
  boolean belongsTo(Platform platform, HttpUrl url) {
    String host = url.host().toLowerCase(Locale.ROOT);
    return switch (platform) {
      case DOUYIN ->
          domain(host, "douyin.com")
              || domain(host, "iesdouyin.com")
              || sameHost(url, douyinBaseUrl)
              || sameHost(url, douyinShareBaseUrl)
              || sameHost(url, douyinShortLinkBaseUrl);
      case TIKTOK ->
          domain(host, "tiktok.com")
              || domain(host, "tiktokv.com")
              || sameHost(url, tiktokBaseUrl)
              || sameHost(url, tiktokShortLinkBaseUrl);
    };
  }

  private static boolean domain(String host, String domain) {
    return host.equals(domain) || host.endsWith("." + domain);
  }

  private static boolean sameHost(HttpUrl url, HttpUrl base) {
    return url.host().equalsIgnoreCase(base.host()) && url.port() == base.port();
  }

  private static HttpUrl url(EnvSettings env, String name, String fallback) {
    String value = env.string(name, fallback);
    HttpUrl parsed = HttpUrl.parse(value);
    if (parsed == null) {
      throw new IllegalArgumentException(
          name + " must be an http or https URL such as " + fallback + ", was '" + value + "'");
    }
    return parsed;
  }

  /** Never shows the cookie. */
  @Override
  public String toString() {
    return "CrawlSettings[douyin="
        + douyinBaseUrl
        + ", douyinShare="
        + douyinShareBaseUrl
        + ", douyinCookie="
        + (douyinCookie == null ? "unset" : "set")
        + ", tiktok="
        + tiktokBaseUrl
        + "]";
  }
}
