package org.sttplatform.activities.crawl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Map;

/**
 * Reads Douyin's "aweme" item shape, the same in the share page, the web detail API and the user
 * post list (see {@code crawling.md} §2.3, §2.4).
 */
final class DouyinItems {
  private DouyinItems() {}

  /** What the Douyin CDN checks: without it, 403 (the seed's issue #7). */
  static final String MEDIA_REFERER = "https://www.douyin.com/";

  /** {@code aweme_type}s of image posts (图文). */
  private static boolean imageType(Long type) {
    return type != null && (type == 2 || type == 68 || type == 150);
  }

  static CrawledPost post(JsonNode item, String userAgent) {
    String id = Json.text(item.path("aweme_id"));
    JsonNode images = item.path("images");
    boolean note =
        (images.isArray() && !images.isEmpty()) || imageType(Json.number(item.path("aweme_type")));
    JsonNode video = item.path("video");
    JsonNode author = item.path("author");
    String media = note ? noteAudio(item) : videoUrl(video);
    if (media == null) {
      throw new CrawlException(
          CrawlException.Kind.FAILED,
          "The Douyin post " + id + " has no media URL in its data (layout changed?)");
    }
    return new CrawledPost(
        Platform.DOUYIN,
        id,
        "https://www.douyin.com/" + (note ? "note/" : "video/") + id,
        note ? "images" : "video",
        Json.text(item.path("desc")),
        Json.text(author.path("sec_uid")),
        firstText(author.path("unique_id"), author.path("short_id")),
        Json.text(author.path("nickname")),
        duration(item, video),
        cover(video),
        Json.number(item.path("create_time")),
        media,
        Map.of("Referer", MEDIA_REFERER, "User-Agent", userAgent),
        Json.write(item));
  }

  /**
   * The play URL without watermark: {@code playwm} → {@code play} on the share page's redirector;
   * the web API lists CDN URLs first.
   */
  private static String videoUrl(JsonNode video) {
    String url = firstUrl(video.path("play_addr").path("url_list"));
    if (url == null) {
      url = firstUrl(video.path("download_addr").path("url_list"));
    }
    return url == null ? null : url.replace("/playwm/", "/play/");
  }

  /** A note's audio: {@code video.play_addr.uri} is its mp3 URL, else the music's. */
  private static String noteAudio(JsonNode item) {
    String uri = Json.text(item.path("video").path("play_addr").path("uri"));
    if (uri != null && (uri.startsWith("http://") || uri.startsWith("https://"))) {
      return uri;
    }
    String music = firstUrl(item.path("music").path("play_url").path("url_list"));
    return music != null ? music : Json.text(item.path("music").path("play_url").path("uri"));
  }

  /** Milliseconds on Douyin ({@code video.duration}, top-level {@code duration}); music in s. */
  private static Double duration(JsonNode item, JsonNode video) {
    Long ms = Json.number(video.path("duration"));
    if (ms == null || ms <= 0) {
      ms = Json.number(item.path("duration"));
    }
    if (ms != null && ms > 0) {
      return ms / 1000.0;
    }
    Long s = Json.number(item.path("music").path("duration"));
    return s != null && s > 0 ? s.doubleValue() : null;
  }

  /** The first cover URL not ending in {@code .webp}, else the first. */
  private static String cover(JsonNode video) {
    String fallback = null;
    for (String key : new String[] {"cover", "origin_cover"}) {
      for (JsonNode u : video.path(key).path("url_list")) {
        String url = Json.text(u);
        if (url == null) {
          continue;
        }
        String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        if (!path.toLowerCase(Locale.ROOT).endsWith(".webp")) {
          return url;
        }
        fallback = fallback == null ? url : fallback;
      }
    }
    return fallback;
  }

  private static String firstUrl(JsonNode list) {
    for (JsonNode u : list) {
      String url = Json.url(Json.text(u));
      if (url != null) {
        return url;
      }
    }
    return null;
  }

  private static String firstText(JsonNode... nodes) {
    for (JsonNode n : nodes) {
      String t = Json.text(n);
      if (t != null) {
        return t;
      }
    }
    return null;
  }
}
