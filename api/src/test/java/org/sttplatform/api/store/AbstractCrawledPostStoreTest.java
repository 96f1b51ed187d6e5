package org.sttplatform.api.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.sttplatform.workflows.model.DecodeOptions;

/** {@link JdbcCrawledPostStore} on each database: the V4 schema, round trips, cascade delete. */
abstract class AbstractCrawledPostStoreTest {
  static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");

  abstract DataSource dataSource();

  void assumeAvailable() {}

  JdbcTaskStore tasks;
  JdbcCrawledPostStore posts;

  @BeforeEach
  void emptyTables() {
    assumeAvailable();
    JdbcClient jdbc = JdbcClient.create(dataSource());
    jdbc.sql("DELETE FROM crawled_posts").update();
    jdbc.sql("DELETE FROM tasks").update();
    tasks = new JdbcTaskStore(dataSource(), Clock.fixed(T0, ZoneOffset.UTC));
    posts = new JdbcCrawledPostStore(dataSource());
  }

  private long newTask() {
    return tasks
        .create(
            new NewTask(
                TaskType.TRANSCRIBE,
                TaskPriority.NORMAL,
                "whisper.cpp",
                null,
                "douyin",
                "",
                null,
                null,
                null,
                null,
                "https://v3-web.douyinvod.com/a.mp4?expire=1",
                DecodeOptions.defaults()))
        .id();
  }

  private static CrawledPostRecord post(long taskId, String raw) {
    return new CrawledPostRecord(
        taskId,
        "douyin",
        "7424432820954598707",
        "https://www.douyin.com/video/7424432820954598707",
        "https://v.douyin.com/iANRkr9m/",
        "video",
        "测试视频 #fixture 😀",
        "MS4wLjABAAAA_fake",
        "someone123",
        "某人",
        19.782,
        "https://p3-sign.douyinpic.com/cover.jpeg?x-expires=1",
        1_700_000_000L,
        "https://aweme.snssdk.com/aweme/v1/play/?video_id=v0200",
        raw,
        T0);
  }

  @Test
  void aRowRoundTripsExactly() {
    long id = newTask();
    CrawledPostRecord saved = post(id, "{\"aweme_id\":\"7424432820954598707\"}");
    posts.save(saved);

    assertThat(posts.find(id)).contains(saved);
  }

  @Test
  void optionalFieldsMayBeNull() {
    long id = newTask();
    CrawledPostRecord bare =
        new CrawledPostRecord(
            id,
            "tiktok",
            "7300000000000000001",
            "https://www.tiktok.com/@_/video/7300000000000000001",
            "https://vm.tiktok.com/ZMabc/",
            "images",
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            "https://v16-webapp-prime.tiktok.com/music.mp3",
            null,
            T0);
    posts.save(bare);

    assertThat(posts.find(id)).contains(bare);
    assertThat(posts.find(id + 1)).isEmpty();
  }

  @Test
  void oneRowPerTaskAndOnlyForATaskThatExists() {
    long id = newTask();
    posts.save(post(id, null));
    assertThatThrownBy(() -> posts.save(post(id, null))).isInstanceOf(RuntimeException.class);
    assertThatThrownBy(() -> posts.save(post(id + 1000, null)))
        .isInstanceOf(RuntimeException.class);
  }

  @Test
  void theRowGoesWithItsTask() {
    long id = newTask();
    long other = newTask();
    posts.save(post(id, "{}"));
    posts.save(post(other, "{}"));

    assertThat(tasks.delete(id)).isTrue();

    assertThat(posts.find(id)).isEmpty();
    assertThat(posts.find(other)).isPresent();
  }
}
