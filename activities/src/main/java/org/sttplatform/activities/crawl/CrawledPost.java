package org.sttplatform.activities.crawl;

import java.util.LinkedHashMap;
import java.util.Map;
import org.sttplatform.workflows.model.CrawledSource;

/**
 * A post as the crawler read it.
 *
 * @param platform where it is
 * @param postId the platform's id (a decimal string: ids exceed 2^53)
 * @param postUrl the post's canonical web URL
 * @param kind {@code video}, or {@code images} for a photo/note post (whose media is its music)
 * @param title the description text (hashtags included)
 * @param authorId the author's stable id (Douyin/TikTok {@code sec_uid}), or {@code null}
 * @param authorHandle the author's handle ({@code unique_id} / {@code @handle}), or {@code null}
 * @param authorName the author's display name, or {@code null}
 * @param durationSeconds the media's duration, or {@code null} when the platform gives none
 * @param coverUrl the cover image, or {@code null}
 * @param publishedAt publication time in unix seconds, or {@code null}
 * @param mediaUrl the URL to download: no watermark where there is a choice; music for photo posts
 * @param mediaHeaders what the media host requires (Referer, User-Agent, TikTok's page cookies)
 * @param rawJson the platform's JSON of the post, as read
 */
public record CrawledPost(
    Platform platform,
    String postId,
    String postUrl,
    String kind,
    String title,
    String authorId,
    String authorHandle,
    String authorName,
    Double durationSeconds,
    String coverUrl,
    Long publishedAt,
    String mediaUrl,
    Map<String, String> mediaHeaders,
    String rawJson) {

  public CrawledPost {
    mediaHeaders = mediaHeaders == null ? Map.of() : Map.copyOf(mediaHeaders);
  }

  /** What a download of {@link #mediaUrl} needs, and what to crawl again when it has expired. */
  public CrawledSource source() {
    return new CrawledSource(platform.wireName(), postUrl, mediaHeaders);
  }

  /** The metadata as a JSON object with snake_case keys, without the headers and the raw JSON. */
  public Map<String, Object> metadata() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("platform", platform.wireName());
    m.put("post_id", postId);
    m.put("post_url", postUrl);
    m.put("kind", kind);
    m.put("title", title);
    Map<String, Object> author = new LinkedHashMap<>();
    author.put("id", authorId);
    author.put("handle", authorHandle);
    author.put("name", authorName);
    m.put("author", author);
    m.put("duration_seconds", durationSeconds);
    m.put("cover_url", coverUrl);
    m.put("published_at", publishedAt);
    m.put("media_url", mediaUrl);
    return m;
  }
}
