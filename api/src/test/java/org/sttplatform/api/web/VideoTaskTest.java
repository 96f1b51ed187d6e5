package org.sttplatform.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.sttplatform.activities.crawl.CrawlFixtures;
import org.sttplatform.activities.crawl.FixtureServer;
import org.sttplatform.api.store.TaskStatus;
import org.sttplatform.workflows.model.CrawledSource;
import org.sttplatform.workflows.model.TranscriptionRequest;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/douyin/video_task} and {@code /api/tiktok/video_task} against fixture servers
 * standing in for the platforms (pages and JSON in their real shapes): the task is a {@code
 * file_url} task of the crawled media, created with the create parameters, started with the headers
 * and post of its source, and its crawled metadata is in the answer and the result.
 */
class VideoTaskTest extends WebTestBase {
  static final FixtureServer DOUYIN;
  static final FixtureServer TIKTOK;

  static {
    try {
      DOUYIN = new FixtureServer();
      TIKTOK = new FixtureServer();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    CrawlFixtures.douyin(DOUYIN, "fresh.wav");
    CrawlFixtures.tiktok(TIKTOK, "720.mp4");
  }

  @DynamicPropertySource
  static void platforms(DynamicPropertyRegistry registry) {
    CrawlFixtures.env(DOUYIN, TIKTOK)
        .forEach((name, value) -> registry.add("stt.worker-env[" + name + "]", () -> value));
    registry.add("stt.worker-env[STT_FETCH_ALLOW_PRIVATE_NETWORKS]", () -> "true");
    registry.add("stt.worker-env[STT_DOUYIN_COOKIE]", () -> "");
  }

  /** POST application/x-www-form-urlencoded, as the seed's README does. */
  Reply postForm(String path, Map<String, String> fields) {
    String body =
        fields.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return send(
        HttpRequest.newBuilder(URI.create(url(path)))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  @Test
  void aDouyinShareTextBecomesAFileUrlTaskWithItsPostAndDownloadHeaders() {
    String share = "7.64 复制打开抖音，看看【某人的作品】测试 " + DOUYIN.url("/fakeHop/") + " l@C.uF 04/28 Mwf:/";
    Reply r =
        postForm(
            "/api/douyin/video_task",
            map("url", share, "language", "en", "priority", "high", "word_timestamps", "true"));

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode data = r.data();
    String play =
        DOUYIN.url("/aweme/v1/play/?video_id=v0200fg10000fake&ratio=720p&line=0&media=fresh.wav");
    assertThat(data.get("file_url").asString()).isEqualTo(play);
    assertThat(data.get("platform").asString()).isEqualTo("douyin");
    assertThat(data.get("priority").asString()).isEqualTo("high");
    assertThat(data.get("status").asString()).isEqualTo("queued");
    assertThat(data.get("decode_options").get("language").asString()).isEqualTo("en");
    assertThat(data.get("output_url").asString()).contains("/api/whisper/tasks/result?task_id=");
    JsonNode crawl = data.get("crawl");
    assertThat(crawl.get("platform").asString()).isEqualTo("douyin");
    assertThat(crawl.get("post_id").asString()).isEqualTo(CrawlFixtures.DOUYIN_VIDEO);
    assertThat(crawl.get("source_url").asString()).isEqualTo(DOUYIN.url("/fakeHop/"));
    assertThat(crawl.get("title").asString()).isEqualTo("测试视频 #fixture");
    assertThat(crawl.get("author").get("name").asString()).isEqualTo("某人");
    assertThat(crawl.get("duration_seconds").asDouble()).isEqualTo(15.0);
    assertThat(crawl.get("published_at").asLong()).isEqualTo(1_700_000_000L);
    assertThat(crawl.get("cover_url").asString()).contains(".jpeg");
    assertThat(crawl.get("raw").get("aweme_id").asString()).isEqualTo(CrawlFixtures.DOUYIN_VIDEO);
    assertThat(r.json().get("params").get("url").asString()).isEqualTo(DOUYIN.url("/fakeHop/"));
    assertThat(r.json().get("params").get("save_data_in_db").asBoolean()).isTrue();

    // the workflow gets the media URL, the headers its CDN requires and the post to re-crawl
    TranscriptionRequest started = workflows.started.get(0).request();
    assertThat(started.mediaUrl()).isEqualTo(play);
    assertThat(started.options().wordTimestamps()).isTrue();
    CrawledSource source = started.source();
    assertThat(source.platform()).isEqualTo("douyin");
    assertThat(source.postUrl())
        .isEqualTo("https://www.douyin.com/video/" + CrawlFixtures.DOUYIN_VIDEO);
    assertThat(source.headers()).containsEntry("Referer", CrawlFixtures.DOUYIN_REFERER);

    // the result carries the metadata too
    long id = data.get("id").asLong();
    store.failed(id, "stopped by the test");
    JsonNode result = get("/api/whisper/tasks/result?task_id=" + id).data();
    assertThat(result.get("crawl").get("post_id").asString()).isEqualTo(CrawlFixtures.DOUYIN_VIDEO);
    assertThat(result.get("crawl").has("raw")).isTrue();
  }

  @Test
  void withoutSaveDataInDbTheRawJsonIsNotKept() {
    Reply r =
        postForm(
            "/api/douyin/video_task",
            map(
                "url",
                "https://www.douyin.com/video/" + CrawlFixtures.DOUYIN_VIDEO,
                "save_data_in_db",
                "false",
                "platform",
                "my-label"));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.data().get("crawl").has("raw")).isFalse();
    assertThat(r.data().get("crawl").get("title").asString()).isEqualTo("测试视频 #fixture");
    assertThat(r.data().get("platform").asString()).isEqualTo("my-label");
    assertThat(crawledPosts.rows.values().iterator().next().rawJson()).isNull();
  }

  @Test
  void aTikTokShortLinkBecomesATaskWhoseDownloadCarriesThePageCookies() {
    Reply r = postForm("/api/tiktok/video_task", map("url", TIKTOK.url("/ZMfake1/")));

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.data().get("file_url").asString()).startsWith(TIKTOK.url("/tt/720.mp4"));
    assertThat(r.data().get("platform").asString()).isEqualTo("tiktok");
    assertThat(r.data().get("crawl").get("author").get("handle").asString()).isEqualTo("some.user");
    CrawledSource source = workflows.started.get(0).request().source();
    assertThat(source.headers().get("Cookie")).contains("tt_chain_token=tok123");
    assertThat(source.headers().get("Referer")).startsWith("https://www.tiktok.com/@some.user/");
    // the session cookies are not shown
    assertThat(r.body()).doesNotContain("tok123");
  }

  @Test
  void privateRemovedAndRegionBlockedTikTokPostsAre404SayingSo() {
    assertError(
        postForm(
            "/api/tiktok/video_task",
            map("url", "https://www.tiktok.com/@/video/7300000000000000004")),
        404,
        "private");
    assertError(
        postForm(
            "/api/tiktok/video_task",
            map("url", "https://www.tiktok.com/@/video/7300000000000000006")),
        404,
        "removed");
    assertError(
        postForm("/api/tiktok/video_task", map("url", TIKTOK.url("/ZMblocked/"))), 404, "region");
    assertThat(store.rows).isEmpty();
  }

  @Test
  void aRemovedDouyinPostIs404() {
    assertError(
        postForm(
            "/api/douyin/video_task",
            map("url", "https://www.douyin.com/video/" + CrawlFixtures.DOUYIN_FILTERED)),
        404,
        "作品已删除");
  }

  @Test
  void urlsThatAreNotPostsOfThePlatformAre400NamingIt() {
    assertError(
        postForm(
            "/api/douyin/video_task", map("url", "https://example.com/video/7424432820954598707")),
        400,
        "Douyin");
    assertError(
        postForm(
            "/api/douyin/video_task",
            map("url", "https://www.tiktok.com/@a/video/7300000000000000001")),
        400,
        "Douyin");
    assertError(
        postForm(
            "/api/tiktok/video_task",
            map("url", "https://www.douyin.com/video/7424432820954598707")),
        400,
        "TikTok");
    assertError(postForm("/api/tiktok/video_task", map()), 400, "'url'");
    assertError(
        postForm(
            "/api/tiktok/video_task",
            map("url", TIKTOK.url("/ZMfake1/"), "file_url", "https://example.com/a.mp3")),
        400,
        "file_url");
    assertThat(store.rows).isEmpty();
  }

  @Test
  void aBadTaskParameterIs400BeforeThePlatformIsAsked() {
    int before = TIKTOK.requests().size();
    assertError(
        postForm(
            "/api/tiktok/video_task", map("url", TIKTOK.url("/ZMfake1/"), "temperature", "hot")),
        400,
        "temperature");
    assertThat(TIKTOK.requests()).hasSize(before);
  }

  @Test
  void aDouyinPostNeedingTheCookieIs422NamingTheSetting() {
    assertError(
        postForm(
            "/api/douyin/video_task",
            map("url", "https://www.douyin.com/video/" + CrawlFixtures.DOUYIN_WEB)),
        422,
        "STT_DOUYIN_COOKIE");
    assertThat(store.rows).isEmpty();
  }

  @Test
  void aWorkflowServiceThatCannotBeReachedIs503AndTheTaskIsMarkedFailed() {
    workflows.failStart = true;
    Reply r = postForm("/api/tiktok/video_task", map("url", TIKTOK.url("/ZMfake1/")));

    assertError(r, 503, "workflow service is unavailable");
    long id = r.detail().get("task_id").asLong();
    assertThat(store.rows.get(id).status()).isEqualTo(TaskStatus.FAILED);
  }

  @Test
  void aChallengePageIs502() {
    assertError(
        postForm(
            "/api/tiktok/video_task",
            map("url", "https://www.tiktok.com/@/video/7300000000000000007")),
        502,
        "try again later");
  }
}
