package org.sttplatform.activities.crawl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.HttpUrl;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

/**
 * TikTok posts from the public web page's {@code __UNIVERSAL_DATA_FOR_REHYDRATION__} JSON (no
 * login, no signature), and accounts from the user page's secUid and the creator item list ({@code
 * crawling.md} §2.1, §4.1). The media download needs the cookies the page set ({@code
 * tt_chain_token}), its URL as Referer and the same User-Agent: they go into the post's headers.
 */
final class TikTokCrawler {
  private static final String DATA_SCRIPT = "__UNIVERSAL_DATA_FOR_REHYDRATION__";

  private final CrawlSettings settings;
  private final CrawlHttp http;

  TikTokCrawler(CrawlSettings settings, CrawlHttp http) {
    this.settings = settings;
    this.http = http;
  }

  private static Map<String, String> pageHeaders() {
    return Map.of(
        "User-Agent", UserAgents.DESKTOP,
        "Accept", "text/html,application/xhtml+xml,*/*;q=0.8",
        "Accept-Language", "en-US,en;q=0.9");
  }

  CrawledPost crawl(HttpUrl link) {
    HttpUrl resolved = resolve(link, u -> PostLinks.tiktokPostId(u) != null);
    String id = PostLinks.tiktokPostId(resolved);
    if (id == null) {
      throw new CrawlException(
          CrawlException.Kind.NOT_A_POST,
          "Not a TikTok post link: "
              + resolved.newBuilder().query(null).build()
              + " (expected tiktok.com/@user/video/<id>, /photo/<id>, a vm.tiktok.com or"
              + " vt.tiktok.com short link, or share text containing one)");
    }
    String handle = PostLinks.tiktokHandle(resolved);
    boolean photo = PostLinks.tiktokPhoto(resolved);
    HttpUrl page =
        settings
            .tiktokBaseUrl()
            .newBuilder()
            .addPathSegment("@" + (handle == null ? "_" : handle))
            .addPathSegment(photo ? "photo" : "video")
            .addPathSegment(id)
            .build();
    CrawlHttp.Page answer = http.get(page, pageHeaders(), "the TikTok post page");
    checkRedirect(answer, id);
    JsonNode scope = universalData(answer, "the TikTok post page of " + id);
    JsonNode detail = scope.path("webapp.video-detail");
    if (!detail.isObject() || detail.path("itemInfo").isMissingNode()) {
      JsonNode photoDetail = scope.path("webapp.photo-detail");
      detail = photoDetail.isObject() ? photoDetail : detail;
    }
    checkStatus(Json.number(detail.path("statusCode")), id, false);
    JsonNode item = detail.path("itemInfo").path("itemStruct");
    if (!item.isObject()) {
      throw new CrawlException(
          CrawlException.Kind.UNAVAILABLE,
          "The TikTok post " + id + " was not found (removed, or the link is wrong)");
    }
    if (item.path("isContentClassified").asBoolean(false) && !item.path("video").isObject()) {
      throw new CrawlException(
          CrawlException.Kind.UNAVAILABLE,
          "The TikTok post " + id + " is age-restricted: TikTok shows it to logged-in users only");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("User-Agent", UserAgents.DESKTOP);
    headers.put("Referer", canonical(item, id, handle, photo));
    if (!answer.cookies().isEmpty()) {
      headers.put("Cookie", CrawlHttp.cookieHeader(answer.cookies()));
    }
    return TikTokItems.post(item, id, headers, canonical(item, id, handle, photo));
  }

  /** {@code https://www.tiktok.com/@<handle>/video/<id>}, the page the media is shown on. */
  private static String canonical(JsonNode item, String id, String handle, boolean photo) {
    String author = Json.text(item.path("author").path("uniqueId"));
    if (author == null) {
      author = Json.text(item.path("author"));
    }
    String user = author != null ? author : handle != null ? handle : "_";
    return "https://www.tiktok.com/@" + user + (photo ? "/photo/" : "/video/") + id;
  }

  /** Follows short links, noting TikTok's region-block and login redirects. */
  private HttpUrl resolve(HttpUrl link, java.util.function.Predicate<HttpUrl> done) {
    HttpUrl resolved =
        http.resolve(
            link,
            Map.of("User-Agent", UserAgents.DESKTOP),
            u -> settings.belongsTo(Platform.TIKTOK, u) && PostLinks.shortLinkForm(u),
            u -> done.test(u) || blockedOrLogin(u),
            "the TikTok link");
    if (!settings.belongsTo(Platform.TIKTOK, resolved)) {
      throw new CrawlException(
          CrawlException.Kind.NOT_A_POST,
          "The TikTok link leads to " + resolved.host() + ", which is not TikTok");
    }
    if (resolved.encodedPath().contains("notfound") || resolved.toString().contains("notfound")) {
      throw new CrawlException(
          CrawlException.Kind.UNAVAILABLE,
          "The TikTok link leads to a 'not found' page: the post is removed or not available in"
              + " this server's region");
    }
    if (resolved.encodedPath().startsWith("/login")) {
      throw loginWall();
    }
    return resolved;
  }

  private static boolean blockedOrLogin(HttpUrl u) {
    return u.toString().contains("notfound") || u.encodedPath().startsWith("/login");
  }

  private static CrawlException loginWall() {
    return new CrawlException(
        CrawlException.Kind.UNAVAILABLE,
        "TikTok asks to log in to see this post (private or restricted)");
  }

  private static void checkRedirect(CrawlHttp.Page answer, String what) {
    if (answer.location() != null) {
      if (blockedOrLogin(answer.location())) {
        if (answer.location().encodedPath().startsWith("/login")) {
          throw loginWall();
        }
        throw new CrawlException(
            CrawlException.Kind.UNAVAILABLE,
            "TikTok redirects " + what + " to a 'not found' page (removed or region-blocked)");
      }
    }
    if (answer.code() == 404) {
      throw new CrawlException(
          CrawlException.Kind.UNAVAILABLE, "TikTok answered 404 for " + what + ": not found");
    }
    if (answer.code() == 429 || answer.code() >= 500 || answer.code() == 403) {
      throw new CrawlException(
          CrawlException.Kind.FAILED,
          "TikTok answered HTTP " + answer.code() + " for " + what + "; try again later");
    }
  }

  /** {@code __DEFAULT_SCOPE__} of the page's rehydration JSON. */
  private static JsonNode universalData(CrawlHttp.Page answer, String what) {
    Element script = Jsoup.parse(answer.body()).getElementById(DATA_SCRIPT);
    if (script == null) {
      boolean wait = answer.body().contains("Please wait");
      throw new CrawlException(
          CrawlException.Kind.FAILED,
          what
              + " came without its data"
              + (wait ? " (a 'Please wait' challenge page)" : " (a challenge or block page)")
              + "; try again later");
    }
    try {
      return Json.parse(script.data()).path("__DEFAULT_SCOPE__");
    } catch (JsonProcessingException e) {
      throw new CrawlException(CrawlException.Kind.FAILED, what + " has unreadable data");
    }
  }

  /** TikTok's status codes: 10216 private post, 10222 private account, 10204 IP-blocked. */
  private static void checkStatus(Long status, String id, boolean account) {
    if (status == null || status == 0) {
      return;
    }
    String what = account ? "The TikTok account " + id : "The TikTok post " + id;
    String why =
        switch (status.intValue()) {
          case 10216 -> " is private";
          case 10222 -> " belongs to a private account";
          case 10204 -> " is blocked for this server's IP address or region";
          case 10221 -> " belongs to a banned account";
          default -> " is not available (removed or not found; TikTok status " + status + ")";
        };
    throw new CrawlException(CrawlException.Kind.UNAVAILABLE, what + why);
  }

  AccountPage account(HttpUrl link, int limit) {
    HttpUrl resolved =
        resolve(
            link, u -> PostLinks.tiktokHandle(u) != null || u.queryParameter("sec_uid") != null);
    String handle = PostLinks.tiktokHandle(resolved);
    String secUid = resolved.queryParameter("sec_uid");
    String name = null;
    if (handle != null) {
      HttpUrl page = settings.tiktokBaseUrl().newBuilder().addPathSegment("@" + handle).build();
      CrawlHttp.Page answer = http.get(page, pageHeaders(), "the TikTok user page");
      checkRedirect(answer, "the user page of @" + handle);
      JsonNode detail =
          universalData(answer, "the TikTok user page of @" + handle).path("webapp.user-detail");
      checkStatus(Json.number(detail.path("statusCode")), "@" + handle, true);
      JsonNode user = detail.path("userInfo").path("user");
      secUid = Json.text(user.path("secUid"));
      name = Json.text(user.path("nickname"));
      Long count = Json.number(detail.path("userInfo").path("stats").path("videoCount"));
      if (count != null && count == 0) {
        return new AccountPage(Platform.TIKTOK, secUid, handle, name, List.of(), false);
      }
    }
    if (secUid == null) {
      throw new CrawlException(
          handle == null ? CrawlException.Kind.NOT_A_POST : CrawlException.Kind.FAILED,
          handle == null
              ? "Not a TikTok account link: "
                  + resolved.newBuilder().query(null).build()
                  + " (expected tiktok.com/@<handle> or a short link to one)"
              : "The TikTok user page of @" + handle + " does not give the account's secUid");
    }
    return list(secUid, handle, name, limit);
  }

  /** The creator item list, newest first, paged by time (yt-dlp's {@code TikTokUserIE}). */
  private AccountPage list(String secUid, String handle, String name, int limit) {
    List<CrawledPost> posts = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    long cursor = System.currentTimeMillis();
    boolean more = true;
    while (posts.size() < limit && more) {
      HttpUrl.Builder url =
          settings.tiktokBaseUrl().newBuilder().addPathSegments("api/creator/item_list/");
      listParams().forEach(url::addQueryParameter);
      url.addQueryParameter("secUid", secUid)
          .addQueryParameter("count", String.valueOf(Math.min(limit - posts.size(), 35)))
          .addQueryParameter("cursor", String.valueOf(cursor))
          .addQueryParameter("type", "1");
      CrawlHttp.Page answer =
          http.get(url.build(), Map.of("User-Agent", UserAgents.DESKTOP), "the TikTok item list");
      if (!answer.ok() || answer.body().isBlank()) {
        throw new CrawlException(
            CrawlException.Kind.FAILED,
            "The TikTok item list answered "
                + (answer.ok() ? "an empty body" : "HTTP " + answer.code())
                + "; try again later");
      }
      JsonNode json;
      try {
        json = Json.parse(answer.body());
      } catch (JsonProcessingException e) {
        throw new CrawlException(CrawlException.Kind.FAILED, "The TikTok item list is not JSON");
      }
      int added = 0;
      Long oldest = null; // of the page's last item
      for (JsonNode item : json.path("itemList")) {
        String id = Json.text(item.path("id"));
        if (id == null || !seen.add(id)) {
          continue;
        }
        Long created = Json.number(item.path("createTime"));
        if (created != null) {
          oldest = created; // the last item's time: a pinned (old) post comes first
        }
        if (posts.size() < limit) {
          String author = Json.text(item.path("author").path("uniqueId"));
          String user = author != null ? author : handle != null ? handle : "_";
          String postUrl = "https://www.tiktok.com/@" + user + "/video/" + id;
          try {
            posts.add(
                TikTokItems.post(item, id, Map.of("User-Agent", UserAgents.DESKTOP), postUrl));
            added++;
          } catch (CrawlException skipped) {
            // an item without media is not a post to transcribe
          }
        }
      }
      more = json.path("hasMorePrevious").asBoolean(false) || json.path("hasMore").asBoolean(false);
      if (added == 0 || oldest == null || oldest * 1000 >= cursor) {
        break; // the same page again (a known TikTok failure) would loop forever
      }
      cursor = oldest * 1000;
    }
    return new AccountPage(Platform.TIKTOK, secUid, handle, name, posts, more);
  }

  private static Map<String, String> listParams() {
    Map<String, String> p = new LinkedHashMap<>();
    String[] pairs = {
      "aid",
      "1988",
      "app_language",
      "en",
      "app_name",
      "tiktok_web",
      "browser_language",
      "en-US",
      "browser_name",
      "Mozilla",
      "browser_online",
      "true",
      "browser_platform",
      "Win32",
      "browser_version",
      "5.0 (Windows)",
      "channel",
      "tiktok_web",
      "cookie_enabled",
      "true",
      "device_platform",
      "web_pc",
      "focus_state",
      "true",
      "from_page",
      "user",
      "history_len",
      "2",
      "is_fullscreen",
      "false",
      "is_page_visible",
      "true",
      "language",
      "en",
      "os",
      "windows",
      "region",
      "US",
      "screen_height",
      "1080",
      "screen_width",
      "1920",
      "tz_name",
      "UTC",
      "webcast_language",
      "en"
    };
    for (int i = 0; i < pairs.length; i += 2) {
      p.put(pairs[i], pairs[i + 1]);
    }
    p.put("device_id", String.valueOf(7_250_000_000_000_000_000L + (long) (Math.random() * 1e17)));
    return p;
  }
}
