package org.sttplatform.api.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code crawled_posts} on SQLite or MySQL/MariaDB (schema in {@code db/migration/{vendor}/V4}).
 * Rows go when their task does ({@code ON DELETE CASCADE}; SQLite runs with foreign keys on).
 */
@Repository
public class JdbcCrawledPostStore implements CrawledPostStore {
  /** Longest title stored; Douyin descriptions are at most a few thousand characters. */
  static final int MAX_TITLE = 8_000;

  private final JdbcClient jdbc;

  public JdbcCrawledPostStore(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  @Override
  public void save(CrawledPostRecord p) {
    jdbc.sql(
            "INSERT INTO crawled_posts (task_id, platform, post_id, post_url, source_url, kind,"
                + " title, author_id, author_handle, author_name, duration_seconds, cover_url,"
                + " published_at, media_url, raw_json, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            p.taskId(),
            p.platform(),
            p.postId(),
            p.postUrl(),
            p.sourceUrl(),
            p.kind(),
            cut(p.title(), MAX_TITLE),
            cut(p.authorId(), 255),
            cut(p.authorHandle(), 255),
            cut(p.authorName(), 255),
            p.durationSeconds(),
            p.coverUrl(),
            p.publishedAt(),
            p.mediaUrl(),
            p.rawJson(),
            p.createdAt().toEpochMilli())
        .update();
  }

  @Override
  public Optional<CrawledPostRecord> find(long taskId) {
    return jdbc.sql("SELECT * FROM crawled_posts WHERE task_id = ?")
        .param(taskId)
        .query(JdbcCrawledPostStore::row)
        .optional();
  }

  private static CrawledPostRecord row(ResultSet rs, int n) throws SQLException {
    double duration = rs.getDouble("duration_seconds");
    Double durationSeconds = rs.wasNull() ? null : duration;
    long published = rs.getLong("published_at");
    Long publishedAt = rs.wasNull() ? null : published;
    return new CrawledPostRecord(
        rs.getLong("task_id"),
        rs.getString("platform"),
        rs.getString("post_id"),
        rs.getString("post_url"),
        rs.getString("source_url"),
        rs.getString("kind"),
        rs.getString("title"),
        rs.getString("author_id"),
        rs.getString("author_handle"),
        rs.getString("author_name"),
        durationSeconds,
        rs.getString("cover_url"),
        publishedAt,
        rs.getString("media_url"),
        rs.getString("raw_json"),
        Instant.ofEpochMilli(rs.getLong("created_at")));
  }

  private static String cut(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
