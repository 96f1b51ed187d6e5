package org.sttplatform.activities.crawl;

import java.time.Duration;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads Douyin and TikTok posts and accounts from the links users paste. Used by the API's {@code
 * video_task} endpoints, the {@code crawl} and {@code crawl_account} components, and the media
 * download when a signed URL has expired. Thread-safe; every request goes through the SSRF guard
 * unless private networks are allowed.
 */
public final class PostCrawler {
  private static final Logger log = LoggerFactory.getLogger(PostCrawler.class);

  private final CrawlSettings settings;
  private final DouyinCrawler douyin;
  private final TikTokCrawler tiktok;

  /**
   * @param client the base HTTP client (timeouts); the crawler uses a guarded copy without
   *     redirects
   * @param allowPrivateNetworks {@code STT_FETCH_ALLOW_PRIVATE_NETWORKS}
   */
  public PostCrawler(CrawlSettings settings, OkHttpClient client, boolean allowPrivateNetworks) {
    this.settings = settings;
    CrawlHttp http = new CrawlHttp(client, allowPrivateNetworks);
    this.douyin = new DouyinCrawler(settings, http);
    this.tiktok = new TikTokCrawler(settings, http);
  }

  /** With a client of its own (30 s connect and read timeouts). */
  public PostCrawler(CrawlSettings settings, boolean allowPrivateNetworks) {
    this(
        settings,
        new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(30))
            .readTimeout(Duration.ofSeconds(30))
            .build(),
        allowPrivateNetworks);
  }

  public CrawlSettings settings() {
    return settings;
  }

  /**
   * The post {@code link} names.
   *
   * @param platform the platform the link must belong to, or {@code null} to tell by the link
   * @param link a post URL in any form, or share text containing one
   * @throws CrawlException NOT_A_POST for a link that is not a post of the platform; UNAVAILABLE,
   *     NOT_CONFIGURED or FAILED as described there
   */
  public CrawledPost crawl(Platform platform, String link) {
    HttpUrl url = link(platform, link, "post");
    Platform p = platform != null ? platform : platformOf(url, "post");
    long started = System.nanoTime();
    CrawledPost post = p == Platform.DOUYIN ? douyin.crawl(url) : tiktok.crawl(url);
    log.info(
        "Crawled {} post {} ({}) in {} ms",
        p.displayName(),
        post.postId(),
        post.kind(),
        (System.nanoTime() - started) / 1_000_000);
    return post;
  }

  /**
   * The newest posts of the account {@code link} names, at most {@code limit}.
   *
   * @throws CrawlException as {@link #crawl}; NOT_CONFIGURED for Douyin without a cookie
   */
  public AccountPage account(Platform platform, String link, int limit) {
    HttpUrl url = link(platform, link, "account");
    Platform p = platform != null ? platform : platformOf(url, "account");
    return p == Platform.DOUYIN ? douyin.account(url, limit) : tiktok.account(url, limit);
  }

  /** The link the crawler reads in {@code text} (share text is reduced to it), or {@code null}. */
  public static String linkIn(String text) {
    HttpUrl url = PostLinks.firstUrl(text);
    return url == null ? null : url.toString();
  }

  private HttpUrl link(Platform platform, String text, String what) {
    String name = platform == null ? "Douyin or TikTok" : platform.displayName();
    HttpUrl url = PostLinks.firstUrl(text);
    if (url == null) {
      throw new CrawlException(
          CrawlException.Kind.NOT_A_POST,
          "No link found: expected a " + name + " " + what + " URL, or share text containing one");
    }
    if (platform != null && !settings.belongsTo(platform, url)) {
      throw new CrawlException(
          CrawlException.Kind.NOT_A_POST,
          "Not a " + name + " link: " + url.host() + " is not a " + name + " host");
    }
    return url;
  }

  private Platform platformOf(HttpUrl url, String what) {
    for (Platform p : Platform.values()) {
      if (settings.belongsTo(p, url)) {
        return p;
      }
    }
    throw new CrawlException(
        CrawlException.Kind.NOT_A_POST,
        "Not a Douyin or TikTok " + what + " link: " + url.host() + " is neither platform's host");
  }
}
