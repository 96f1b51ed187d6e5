package org.sttplatform.activities.crawl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * Reads TikTok's web {@code itemStruct} shape and chooses its media URL ({@code crawling.md} §2.1).
 */
final class TikTokItems {
  private TikTokItems() {}

  /**
   * {@code v<anything>_<codec>_<res>p_<bitrate>}, e.g. {@code v12044gd0000abc_h264_720p_1200000}.
   */
  private static final Pattern URL_KEY = Pattern.compile("_([a-z0-9]+)_(\\d+)p_(\\d+)$");

  static CrawledPost post(JsonNode item, String id, Map<String, String> headers, String postUrl) {
    JsonNode video = item.path("video");
    JsonNode music = item.path("music");
    boolean images = item.path("imagePost").isObject();
    String media = images ? null : videoUrl(video);
    if (media == null) {
      media = Json.url(Json.text(music.path("playUrl")));
    }
    if (media == null) {
      throw new CrawlException(
          CrawlException.Kind.FAILED,
          "The TikTok post " + id + " has no media URL in its data (layout changed?)");
    }
    JsonNode author = item.path("author");
    Long seconds = Json.number(video.path("duration"));
    if (seconds == null || seconds <= 0) {
      seconds = Json.number(music.path("duration"));
    }
    String cover = Json.url(Json.text(video.path("cover")));
    if (cover == null) {
      cover = Json.url(Json.text(video.path("originCover")));
    }
    return new CrawledPost(
        Platform.TIKTOK,
        id,
        postUrl,
        images ? "images" : "video",
        Json.text(item.path("desc")),
        Json.text(author.path("secUid")),
        author.isTextual() ? author.asText() : Json.text(author.path("uniqueId")),
        Json.text(author.path("nickname")),
        seconds == null || seconds <= 0 ? null : seconds.doubleValue(),
        cover,
        Json.number(item.path("createTime")),
        media,
        headers,
        Json.write(item));
  }

  /**
   * The highest h264 entry of {@code bitrateInfo}, else {@code playAddr} (a string or a list of
   * {@code {src}}), else the watermarked {@code downloadAddr}. Never bytevc2 (unplayable), never a
   * {@code www.tiktok.com} URL (broken), hvc1-only URLs last.
   */
  private static String videoUrl(JsonNode video) {
    String best = null;
    int bestRes = -1;
    long bestRate = -1;
    for (JsonNode entry : video.path("bitrateInfo")) {
      JsonNode play = entry.path("PlayAddr");
      String key = Json.text(play.path("UrlKey"));
      String codec = Json.text(entry.path("CodecType"));
      int res = 0;
      long rate =
          Json.number(entry.path("Bitrate")) == null ? 0 : Json.number(entry.path("Bitrate"));
      if (key != null) {
        Matcher m = URL_KEY.matcher(key);
        if (m.find()) {
          codec = codec == null ? m.group(1) : codec;
          res = Integer.parseInt(m.group(2));
          rate = rate == 0 ? Long.parseLong(m.group(3)) : rate;
        }
      }
      if (codec == null || !codec.toLowerCase(Locale.ROOT).startsWith("h264")) {
        continue;
      }
      String url = usable(play.path("UrlList"));
      if (url != null && (res > bestRes || (res == bestRes && rate > bestRate))) {
        best = url;
        bestRes = res;
        bestRate = rate;
      }
    }
    if (best != null) {
      return best;
    }
    JsonNode playAddr = video.path("playAddr");
    String play =
        playAddr.isArray()
            ? usable(playAddr.findValues("src").stream().toList())
            : usable(java.util.List.of(playAddr));
    if (play != null) {
      return play;
    }
    JsonNode download = video.path("downloadAddr");
    return usable(java.util.List.of(download.isObject() ? download.path("url") : download));
  }

  private static String usable(Iterable<JsonNode> urls) {
    String hvc1 = null;
    for (JsonNode u : urls) {
      String url = Json.url(Json.text(u));
      HttpUrl parsed = url == null ? null : HttpUrl.parse(url);
      if (parsed == null || parsed.host().equalsIgnoreCase("www.tiktok.com")) {
        continue;
      }
      if (parsed.encodedPath().contains("/media-video-hvc1/")) {
        hvc1 = hvc1 == null ? url : hvc1;
        continue;
      }
      return url;
    }
    return hvc1;
  }
}
