package org.sttplatform.activities.crawl;

import java.nio.file.Path;
import java.util.Map;
import mockwebserver3.MockResponse;

/**
 * Crawler settings that put Douyin and TikTok on fixture servers, as the real ones are laid out.
 */
public final class CrawlFixtures {
  private CrawlFixtures() {}

  public static final String DOUYIN_VIDEO = "7424432820954598707";
  public static final String DOUYIN_NOTE = "7400000000000000123";
  public static final String DOUYIN_FILTERED = "7411111111111111111";
  public static final String DOUYIN_WEB = "7422222222222222222";
  public static final String TIKTOK_VIDEO = "7300000000000000001";

  /** The setting names and values that point the crawler at {@code douyin} and {@code tiktok}. */
  public static Map<String, String> env(FixtureServer douyin, FixtureServer tiktok) {
    return Map.of(
        CrawlSettings.DOUYIN_BASE_URL, douyin.base(),
        CrawlSettings.DOUYIN_SHARE_BASE_URL, douyin.base(),
        CrawlSettings.DOUYIN_SHORT_LINK_BASE_URL, douyin.base(),
        CrawlSettings.TIKTOK_BASE_URL, tiktok.base(),
        CrawlSettings.TIKTOK_SHORT_LINK_BASE_URL, tiktok.base());
  }

  public static CrawlSettings settings(FixtureServer douyin, FixtureServer tiktok) {
    return CrawlSettings.fromEnv(env(douyin, tiktok));
  }

  /**
   * Douyin as crawling.md describes it: a short link (and a two-hop one) redirecting to the share
   * page URL, the share page of a video (its play redirector answering {@code play} and {@code
   * playwm} differently), a note, a filtered post, a WAF page; the web API answering only with a
   * cookie.
   */
  public static void douyin(FixtureServer s, String media) {
    s.redirect(
        "/fakeA1/",
        302,
        "https://www.iesdouyin.com/share/video/" + DOUYIN_VIDEO + "/?region=CN&mid=7&u_code=0");
    s.redirect("/fakeHop/", 301, "http://{{HOST}}/fakeA1/");
    s.redirect(
        "/fakeNote/", 302, "https://www.iesdouyin.com/share/note/" + DOUYIN_NOTE + "/?region=CN");
    s.redirect("/fakeXigua/", 302, "https://www.ixigua.com/douyin/share/video/123456789");
    s.redirect(
        "/fakeUser/",
        302,
        "https://www.iesdouyin.com/share/user/1100000001?sec_uid=MS4wLjABAAAA_list_author&u_code=0");
    s.page("/share/video/" + DOUYIN_VIDEO + "/", "douyin/share-video.html", media);
    s.page("/share/note/" + DOUYIN_NOTE + "/", "douyin/share-note.html", media);
    s.page("/share/video/" + DOUYIN_FILTERED + "/", "douyin/share-filtered.html", media);
    s.page("/share/video/" + DOUYIN_WEB + "/", "douyin/share-waf.html", media);
    s.page("/share/video/7433333333333333333/", "douyin/share-no-videoinfores.html", media);
    s.page("/share/video/7300000000000000777/", "douyin/share-legacy-render-data.html", media);
    s.route(
        "/aweme/v1/web/aweme/detail/",
        r -> {
          String cookie = r.getHeaders().get("Cookie");
          if (cookie == null || !cookie.contains("s_v_web_id=")) {
            return FixtureServer.json(""); // Douyin's answer without a (good) cookie: 200, empty
          }
          String id = r.getUrl().queryParameter("aweme_id");
          if (DOUYIN_WEB.equals(id)) {
            return FixtureServer.json(s.fixture("douyin/web-aweme-detail.json", media));
          }
          return FixtureServer.json(s.fixture("douyin/web-aweme-detail-null.json", media));
        });
    s.route(
        "/aweme/v1/web/aweme/post/",
        r -> {
          String cookie = r.getHeaders().get("Cookie");
          if (cookie == null || !cookie.contains("s_v_web_id=")) {
            return FixtureServer.json("");
          }
          boolean first = "0".equals(r.getUrl().queryParameter("max_cursor"));
          return FixtureServer.json(
              s.fixture(
                  first ? "douyin/web-user-post-p1.json" : "douyin/web-user-post-p2.json", media));
        });
  }

  /**
   * TikTok as crawling.md describes it: short links (one and two hops, region-blocked, login), the
   * video page setting {@code tt_chain_token}, a page with {@code playAddr} as a list, a photo
   * post, private / IP-blocked / removed / age-restricted pages, a challenge page, a user page and
   * the creator item list.
   */
  public static void tiktok(FixtureServer s, String media) {
    s.redirect(
        "/ZMfake1/",
        301,
        "https://www.tiktok.com/@some.user/video/" + TIKTOK_VIDEO + "?_r=1&_t=ZT-fake");
    s.redirect("/t/ZTfake2/", 302, "http://{{HOST}}/ZMfake1/");
    s.redirect(
        "/ZMphoto/", 301, "https://www.tiktok.com/@photo.user/photo/7300000000000000003?_r=1");
    s.redirect("/ZMblocked/", 302, "https://www.tiktok.com/notfound?_r=1");
    s.redirect("/ZMlogin/", 302, "https://www.tiktok.com/login?redirect_url=x");
    s.redirect(
        "/ZMuser/",
        302,
        "https://www.tiktok.com/@some.user?_d=x&sec_uid=MS4wLjABAAAA_tt_fake&u_code=y");
    s.route(
        "/@some.user/video/" + TIKTOK_VIDEO,
        r ->
            FixtureServer.html(s.fixture("tiktok/video-page.html", media))
                .newBuilder()
                .addHeader("Set-Cookie", "tt_chain_token=tok123; Domain=.tiktok.com; Path=/")
                .addHeader("Set-Cookie", "ttwid=1%7Cfake; Path=/; HttpOnly")
                .build());
    s.page("/@_/video/7300000000000000002", "tiktok/video-page-playaddr-list.html", media);
    s.page("/@photo.user/photo/7300000000000000003", "tiktok/photo-page.html", media);
    s.page("/@_/video/7300000000000000004", "tiktok/video-page-private.html", media);
    s.page("/@_/video/7300000000000000005", "tiktok/video-page-ipblocked.html", media);
    s.page("/@_/video/7300000000000000006", "tiktok/video-page-removed.html", media);
    s.page("/@_/video/7300000000000000009", "tiktok/video-page-classified.html", media);
    s.page("/@_/video/7300000000000000007", "tiktok/challenge-please-wait.html", media);
    s.redirect("/@_/video/7300000000000000008", 302, "https://www.tiktok.com/login?x=1");
    s.page("/@some.user", "tiktok/user-page.html", media);
    s.page("/@private.user", "tiktok/user-page-private.html", media);
    s.route(
        "/api/creator/item_list/",
        r -> {
          long cursor = Long.parseLong(r.getUrl().queryParameter("cursor"));
          boolean first = cursor > 1_700_000_900_000L;
          return FixtureServer.json(
              s.fixture(
                  first ? "tiktok/creator-item-list-p1.json" : "tiktok/creator-item-list-p2.json",
                  media));
        });
  }

  /** The Douyin CDN's Referer check (crawling.md §3). */
  public static final String DOUYIN_REFERER = "https://www.douyin.com/";

  /**
   * Douyin media: the {@code play} redirector answers 302 to the CDN file named by its {@code
   * media} parameter, {@code playwm} a watermarked stand-in that is not audio; the CDN serves
   * {@code audio} as {@code fresh.wav} only with the Referer, and {@code expired.wav} is 403.
   */
  public static void douyinMedia(FixtureServer s, Path audio) {
    s.route(
        "/aweme/v1/play/",
        r ->
            new MockResponse.Builder()
                .code(302)
                .addHeader(
                    "Location",
                    "/douyinvod/" + r.getUrl().queryParameter("media") + "?expire=1700086400")
                .build());
    s.route("/aweme/v1/playwm/", r -> FixtureServer.html("watermarked: the wrong URL"));
    s.route(
        "/douyinvod/fresh.wav",
        r ->
            DOUYIN_REFERER.equals(r.getHeaders().get("Referer"))
                ? FixtureServer.file(audio, "audio/wav")
                : FixtureServer.status(403));
    s.route("/douyinvod/expired.wav", r -> FixtureServer.status(403));
  }

  /**
   * TikTok media: {@code 720.mp4} is {@code audio}, only with the page's {@code tt_chain_token}
   * cookie and a tiktok.com Referer; {@code expired.mp4} answers 410.
   */
  public static void tiktokMedia(FixtureServer s, Path audio) {
    s.route(
        "/tt/720.mp4",
        r -> {
          String cookie = r.getHeaders().get("Cookie");
          String referer = r.getHeaders().get("Referer");
          boolean ok =
              cookie != null
                  && cookie.contains("tt_chain_token=tok123")
                  && referer != null
                  && referer.startsWith("https://www.tiktok.com/@");
          return ok ? FixtureServer.file(audio, "audio/wav") : FixtureServer.status(403);
        });
    s.route("/tt/expired.mp4", r -> FixtureServer.status(410));
  }
}
