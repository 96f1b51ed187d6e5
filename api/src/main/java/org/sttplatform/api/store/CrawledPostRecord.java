package org.sttplatform.api.store;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sttplatform.activities.crawl.CrawledPost;

/**
 * One row of {@code crawled_posts}: what the crawler read for a task. The media headers are not
 * stored (TikTok's are session cookies); the workflow carries them.
 *
 * @param taskId the task
 * @param platform {@code douyin} or {@code tiktok}
 * @param postId the platform's id (a decimal string)
 * @param postUrl the post's canonical URL
 * @param sourceUrl the link the user gave (share text is reduced to its link)
 * @param kind {@code video} or {@code images}
 * @param title description text, or {@code null}
 * @param authorId stable author id ({@code sec_uid}), or {@code null}
 * @param authorHandle handle, or {@code null}
 * @param authorName display name, or {@code null}
 * @param durationSeconds the platform's duration, or {@code null}
 * @param coverUrl cover image, or {@code null}
 * @param publishedAt unix seconds, or {@code null}
 * @param mediaUrl the media URL the task downloads
 * @param rawJson the platform's JSON of the post when {@code save_data_in_db}, else {@code null}
 * @param createdAt when it was crawled
 */
public record CrawledPostRecord(
    long taskId,
    String platform,
    String postId,
    String postUrl,
    String sourceUrl,
    String kind,
    String title,
    String authorId,
    String authorHandle,
    String authorName,
    Double durationSeconds,
    String coverUrl,
    Long publishedAt,
    String mediaUrl,
    String rawJson,
    Instant createdAt) {

  /** The row for {@code post}, crawled from {@code sourceUrl} now. */
  public static CrawledPostRecord of(
      long taskId, CrawledPost post, String sourceUrl, boolean keepRaw, Instant now) {
    return new CrawledPostRecord(
        taskId,
        post.platform().wireName(),
        post.postId(),
        post.postUrl(),
        sourceUrl,
        post.kind(),
        post.title(),
        post.authorId(),
        post.authorHandle(),
        post.authorName(),
        post.durationSeconds(),
        post.coverUrl(),
        post.publishedAt(),
        post.mediaUrl(),
        keepRaw ? post.rawJson() : null,
        now);
  }

  /** As the API shows it (without {@code raw_json}, which {@code TaskView} adds parsed). */
  public Map<String, Object> metadata() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("platform", platform);
    m.put("post_id", postId);
    m.put("post_url", postUrl);
    m.put("source_url", sourceUrl);
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
