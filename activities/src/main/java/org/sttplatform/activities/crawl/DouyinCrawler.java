package org.sttplatform.activities.crawl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Douyin posts: the public share page first ({@code www.iesdouyin.com/share/video/<id>/}, its
 * {@code window._ROUTER_DATA}, or the older {@code RENDER_DATA}), needing no cookie; then the web
 * detail API with the configured cookie ({@code STT_DOUYIN_COOKIE}). Accounts: the web post list,
 * which needs the cookie (there is no cookie-less listing, {@code crawling.md} §4.2).
 *
 * <p>The web API is sent without an {@code a_bogus} signature, as yt-dlp does: it relies on the
 * cookie alone. When Douyin insists on the signature it answers an empty body, reported as a cookie
 * to renew.
 */
final class DouyinCrawler {
  private static final Map<String, String> WEB_PARAMS = webParams();

  private final CrawlSettings settings;
  private final CrawlHttp http;

  DouyinCrawler(CrawlSettings settings, CrawlHttp http) {
    this.settings = settings;
    this.http = http;
  }

  CrawledPost crawl(HttpUrl link) {
    HttpUrl resolved =
        http.resolve(
            link,
            Map.of("User-Agent", UserAgents.MOBILE),
            u -> douyin(u) && PostLinks.shortLinkForm(u),
            u -> PostLinks.douyinPostId(u) != null,
            "the Douyin link");
    String id = douyin(resolved) ? PostLinks.douyinPostId(resolved) : null;
    if (id == null) {
      throw notAPost(resolved);
    }
    boolean note = PostLinks.douyinNote(resolved);
    JsonNode item = fromSharePage(id, note);
    if (item == null) {
      item = fromWebApi(id);
    }
    return DouyinItems.post(item, UserAgents.DESKTOP);
  }

  private boolean douyin(HttpUrl url) {
    return settings.belongsTo(Platform.DOUYIN, url);
  }

  private static CrawlException notAPost(HttpUrl url) {
    return new CrawlException(
        CrawlException.Kind.NOT_A_POST,
        "Not a Douyin post link: "
            + url.newBuilder().query(null).build()
            + " (expected a v.douyin.com short link, douyin.com/video/<id>, /note/<id>, a"
            + " modal_id=<id> link or share text containing one)");
  }

  /** The item of the share page, or {@code null} when the page has no post data. */
  private JsonNode fromSharePage(String id, boolean note) {
    HttpUrl url =
        settings
            .douyinShareBaseUrl()
            .newBuilder()
            .addPathSegments("share/" + (note ? "note" : "video") + "/" + id + "/")
            .build();
    CrawlHttp.Page page =
        http.get(
            url,
            Map.of(
                "User-Agent", UserAgents.MOBILE,
                "Accept", "text/html,application/xhtml+xml,*/*;q=0.8",
                "Accept-Language", "zh-CN,zh;q=0.9"),
            "the Douyin share page");
    if (page.code() == 404) {
      return null;
    }
    if (!page.ok()) {
      return null;
    }
    return SharePage.item(page.body(), id);
  }

  /** The web detail API's {@code aweme_detail}, with the configured cookie. */
  private JsonNode fromWebApi(String id) {
    String cookie = settings.douyinCookie();
    if (cookie == null) {
      throw new CrawlException(
          CrawlException.Kind.NOT_CONFIGURED,
          "The Douyin share page of post "
              + id
              + " has no post data (Douyin changed it or is limiting this server), and the web"
              + " API fallback needs a browser cookie of www.douyin.com: set "
              + CrawlSettings.DOUYIN_COOKIE);
    }
    HttpUrl.Builder url =
        settings.douyinBaseUrl().newBuilder().addPathSegments("aweme/v1/web/aweme/detail/");
    WEB_PARAMS.forEach(url::addQueryParameter);
    url.addQueryParameter("aweme_id", id);
    JsonNode json = webApi(url.build(), cookie, "the Douyin web API");
    JsonNode detail = json.path("aweme_detail");
    if (!detail.isObject()) {
      JsonNode filter = json.path("filter_detail");
      String why = Json.text(filter.path("detail_msg"));
      if (why == null) {
        why = Json.text(filter.path("filter_reason"));
      }
      throw new CrawlException(
          CrawlException.Kind.UNAVAILABLE,
          "The Douyin post "
              + id
              + " is unavailable (removed, private or under review)"
              + (why == null ? "" : ": " + why));
    }
    return detail;
  }

  private JsonNode webApi(HttpUrl url, String cookie, String what) {
    CrawlHttp.Page page =
        http.get(
            url,
            Map.of(
                "User-Agent",
                UserAgents.DESKTOP,
                "Referer",
                settings.douyinBaseUrl().resolve("/").toString(),
                "Accept",
                "application/json, text/plain, */*",
                "Accept-Language",
                "zh-CN,zh;q=0.9",
                "Cookie",
                cookie),
            what);
    if (page.code() >= 500 || page.code() == 429) {
      throw new CrawlException(
          CrawlException.Kind.FAILED, what + " answered HTTP " + page.code() + "; try again later");
    }
    if (!page.ok() || page.body().isBlank()) {
      // Douyin's answer to a stale, flagged or unsigned request: HTTP 200 and nothing.
      throw new CrawlException(
          CrawlException.Kind.NOT_CONFIGURED,
          what
              + " refused the request ("
              + (page.ok() ? "an empty answer" : "HTTP " + page.code())
              + "): the cookie in "
              + CrawlSettings.DOUYIN_COOKIE
              + " is stale or flagged; copy a fresh one from a browser logged in to"
              + " www.douyin.com");
    }
    try {
      return Json.parse(page.body());
    } catch (JsonProcessingException e) {
      throw new CrawlException(CrawlException.Kind.FAILED, what + " answered something not JSON");
    }
  }

  AccountPage account(HttpUrl link, int limit) {
    HttpUrl resolved =
        http.resolve(
            link,
            Map.of("User-Agent", UserAgents.MOBILE),
            u -> douyin(u) && PostLinks.shortLinkForm(u),
            u -> PostLinks.douyinSecUid(u) != null,
            "the Douyin link");
    String secUid = douyin(resolved) ? PostLinks.douyinSecUid(resolved) : null;
    if (secUid == null) {
      throw new CrawlException(
          CrawlException.Kind.NOT_A_POST,
          "Not a Douyin account link: "
              + resolved.newBuilder().query(null).build()
              + " (expected douyin.com/user/<sec_uid> or a short link to one)");
    }
    String cookie = settings.douyinCookie();
    if (cookie == null) {
      throw new CrawlException(
          CrawlException.Kind.NOT_CONFIGURED,
          "Listing a Douyin account's posts needs a browser cookie of www.douyin.com (Douyin has"
              + " no public listing): set "
              + CrawlSettings.DOUYIN_COOKIE);
    }
    List<CrawledPost> posts = new ArrayList<>();
    String cursor = "0";
    boolean more = true;
    String name = null;
    String handle = null;
    while (posts.size() < limit && more) {
      HttpUrl.Builder url =
          settings.douyinBaseUrl().newBuilder().addPathSegments("aweme/v1/web/aweme/post/");
      WEB_PARAMS.forEach(url::addQueryParameter);
      url.addQueryParameter("sec_user_id", secUid)
          .addQueryParameter("max_cursor", cursor)
          .addQueryParameter("count", String.valueOf(Math.min(limit - posts.size(), 35)));
      JsonNode json = webApi(url.build(), cookie, "the Douyin user post list");
      JsonNode list = json.path("aweme_list");
      for (JsonNode item : list) {
        if (posts.size() >= limit) {
          break;
        }
        try {
          CrawledPost post = DouyinItems.post(item, UserAgents.DESKTOP);
          posts.add(post);
          name = name == null ? post.authorName() : name;
          handle = handle == null ? post.authorHandle() : handle;
        } catch (CrawlException skipped) {
          // an item without media (e.g. a live replay) is not a post to transcribe
        }
      }
      more = Json.number(json.path("has_more")) != null && Json.number(json.path("has_more")) > 0;
      String next = Json.text(json.path("max_cursor"));
      if (list.isEmpty() || next == null || next.equals(cursor)) {
        break; // the same page again would loop forever
      }
      cursor = next;
    }
    return new AccountPage(Platform.DOUYIN, secUid, handle, name, posts, more);
  }

  /** Douyin web client parameters (Evil0ctal's current set, {@code crawling.md} §2.4). */
  private static Map<String, String> webParams() {
    Map<String, String> p = new LinkedHashMap<>();
    String[] pairs = {
      "device_platform", "webapp", "aid", "6383", "channel", "channel_pc_web",
      "pc_client_type", "1", "version_code", "290100", "version_name", "29.1.0",
      "cookie_enabled", "true", "screen_width", "1920", "screen_height", "1080",
      "browser_language", "zh-CN", "browser_platform", "Win32", "browser_name", "Chrome",
      "browser_version", "130.0.0.0", "browser_online", "true", "engine_name", "Blink",
      "engine_version", "130.0.0.0", "os_name", "Windows", "os_version", "10",
      "cpu_core_num", "12", "device_memory", "8", "platform", "PC"
    };
    for (int i = 0; i < pairs.length; i += 2) {
      p.put(pairs[i], pairs[i + 1]);
    }
    return p;
  }

  /** The share page's embedded data. */
  static final class SharePage {
    private SharePage() {}

    private static final String ROUTER_DATA = "window._ROUTER_DATA";

    /**
     * The post's item, or {@code null} when the page carries no post data (a WAF or captcha page,
     * or a layout without {@code videoInfoRes}).
     *
     * @throws CrawlException UNAVAILABLE when the page lists the post as filtered (deleted,
     *     private, under review)
     */
    static JsonNode item(String html, String id) {
      Document doc = Jsoup.parse(html);
      for (Element script : doc.select("script")) {
        String data = script.data();
        int at = data.indexOf(ROUTER_DATA);
        if (at >= 0) {
          int brace = data.indexOf('{', at);
          if (brace >= 0) {
            JsonNode router = parse(data.substring(brace));
            if (router != null) {
              for (JsonNode page : router.path("loaderData")) {
                for (String key : new String[] {"videoInfoRes", "noteDetailRes"}) {
                  JsonNode found = fromInfo(page.path(key), id);
                  if (found != null) {
                    return found;
                  }
                }
              }
            }
          }
        }
      }
      Element render = doc.getElementById("RENDER_DATA");
      if (render != null) {
        JsonNode legacy = parse(URLDecoder.decode(render.data().strip(), StandardCharsets.UTF_8));
        if (legacy != null) {
          return fromInfo(legacy.path("app").path("videoInfoRes"), id);
        }
      }
      return null;
    }

    private static JsonNode fromInfo(JsonNode info, String id) {
      if (!info.isObject()) {
        return null;
      }
      JsonNode items = info.path("item_list");
      if (items.isArray() && !items.isEmpty() && items.path(0).isObject()) {
        return items.path(0);
      }
      for (JsonNode filtered : info.path("filter_list")) {
        String why = Json.text(filtered.path("detail_msg"));
        String reason = Json.text(filtered.path("filter_reason"));
        throw new CrawlException(
            CrawlException.Kind.UNAVAILABLE,
            "The Douyin post "
                + id
                + " is unavailable"
                + (reason == null ? "" : " (" + reason + ")")
                + (why == null ? "" : ": " + why));
      }
      return null;
    }

    private static JsonNode parse(String json) {
      try {
        return Json.parse(json);
      } catch (JsonProcessingException e) {
        return null;
      }
    }
  }
}
