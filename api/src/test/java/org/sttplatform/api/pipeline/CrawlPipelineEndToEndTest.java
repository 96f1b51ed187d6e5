package org.sttplatform.api.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.sttplatform.activities.crawl.CrawlFixtures;
import org.sttplatform.activities.crawl.FixtureServer;
import org.sttplatform.api.store.CrawledPostStore;

/**
 * The crawler end to end on the real service (embedded Temporal, SQLite, hosted workers, a
 * generated model), with fixture servers standing in for Douyin and TikTok: a pipeline that crawls
 * a share link, downloads its media (the signed URL has expired: the fetch crawls the post again)
 * and transcribes espeak-ng speech; and a {@code video_task} whose crawled metadata is stored with
 * the task, shown in its result and deleted with it. The fixture servers and the settings pointing
 * the crawler at them are the base class's, so this class shares the application context.
 */
class CrawlPipelineEndToEndTest extends PipelineAppTestBase {
  @Autowired CrawledPostStore crawledPosts;

  private final AtomicInteger sharePages = new AtomicInteger();

  @BeforeEach
  void fixtures() {
    DOUYIN.clearRequests();
    CrawlFixtures.douyin(DOUYIN, "fresh.wav");
    CrawlFixtures.douyinMedia(DOUYIN, speech);
    // The first crawl finds a signed URL that has expired by the time it is downloaded.
    DOUYIN.route(
        "/share/video/" + CrawlFixtures.DOUYIN_VIDEO + "/",
        r ->
            FixtureServer.html(
                DOUYIN.fixture(
                    "douyin/share-video.html",
                    sharePages.incrementAndGet() == 1 ? "expired.wav" : "fresh.wav")));
  }

  private static final String DEFINITION =
      """
      {
        "id": "crawl_transcribe",
        "version": 1,
        "description": "Transcribes a Douyin or TikTok post",
        "inputs": { "link": { "type": "string", "description": "post link or share text" } },
        "steps": [
          { "id": "crawl", "component": "crawl", "params": { "url": "${inputs.link}" } },
          {
            "id": "fetch",
            "component": "fetch",
            "params": {
              "url": "${steps.crawl.output.media_url}",
              "source": "${steps.crawl.output.source}"
            }
          },
          {
            "id": "extract_audio",
            "component": "extract_audio",
            "params": { "media": "${steps.fetch.output.media}" }
          },
          {
            "id": "transcribe",
            "component": "transcribe",
            "params": { "audio": "${steps.extract_audio.output.audio}", "language": "en" }
          }
        ],
        "outputs": {
          "post_id": "${steps.crawl.output.post_id}",
          "title": "${steps.crawl.output.title}",
          "author": "${steps.crawl.output.author.name}",
          "text": "${steps.transcribe.output.text}",
          "duration": "${steps.transcribe.output.duration}"
        }
      }
      """;

  @Test
  void aPipelineCrawlsAShareLinkRecrawlsTheExpiredUrlAndTranscribes() throws Exception {
    Reply stored = post("/api/workflows/definitions", DEFINITION);
    assertThat(stored.status()).as(stored.json().toString()).isIn(200, 201);
    String link = "7.64 复制打开抖音，看看【某人的作品】 " + DOUYIN.url("/fakeA1/") + " l@C.uF 04/28";

    String runId =
        startRun(
            "crawl_transcribe",
            JSON.writeValueAsString(
                JSON.createObjectNode().set("inputs", JSON.createObjectNode().put("link", link))));
    JsonNode run = awaitEnded(runId);

    assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("completed");
    JsonNode outputs = run.path("outputs");
    assertThat(outputs.path("post_id").asText()).isEqualTo(CrawlFixtures.DOUYIN_VIDEO);
    assertThat(outputs.path("title").asText()).isEqualTo("测试视频 #fixture");
    assertThat(outputs.path("author").asText()).isEqualTo("某人");
    assertThat(outputs.path("text").isTextual()).isTrue();
    assertThat(outputs.path("duration").asDouble()).isGreaterThan(2.0);
    // expired once, crawled again, then downloaded with the Referer the CDN checks
    assertThat(DOUYIN.requests("/douyinvod/expired.wav")).hasSize(1);
    assertThat(DOUYIN.requests("/douyinvod/fresh.wav")).hasSize(1);
    assertThat(DOUYIN.requests("/douyinvod/fresh.wav").get(0).getHeaders().get("Referer"))
        .isEqualTo(CrawlFixtures.DOUYIN_REFERER);
    assertThat(sharePages).hasValue(2);
  }

  @Test
  void aVideoTaskStoresItsCrawledPostWithTheTaskAndDeletesItWithIt() throws Exception {
    String form =
        "url="
            + URLEncoder.encode(DOUYIN.url("/fakeHop/"), StandardCharsets.UTF_8)
            + "&language=en&save_data_in_db=true";
    HttpResponse<String> created =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/api/douyin/video_task"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    JsonNode task = JSON.readTree(created.body()).path("data");
    long id = task.path("id").asLong();
    assertThat(task.path("crawl").path("post_id").asText()).isEqualTo(CrawlFixtures.DOUYIN_VIDEO);

    // stored in crawled_posts (SQLite, Flyway V4), raw JSON kept
    var row = crawledPosts.find(id).orElseThrow();
    assertThat(row.postId()).isEqualTo(CrawlFixtures.DOUYIN_VIDEO);
    assertThat(row.title()).isEqualTo("测试视频 #fixture");
    assertThat(row.rawJson()).contains(CrawlFixtures.DOUYIN_VIDEO);

    // The task's pipeline downloads with the platform's headers (the fixture CDN checks them)
    await()
        .atMost(FINISH)
        .until(() -> get("/api/whisper/tasks/result?task_id=" + id).status() == 200);
    JsonNode result = get("/api/whisper/tasks/result?task_id=" + id).data();
    assertThat(result.path("status").asText()).as(result.toString()).isEqualTo("completed");
    assertThat(result.path("crawl").path("title").asText()).isEqualTo("测试视频 #fixture");
    assertThat(result.path("crawl").path("raw").path("aweme_id").asText())
        .isEqualTo(CrawlFixtures.DOUYIN_VIDEO);

    assertThat(delete("/api/whisper/tasks/delete?task_id=" + id).status()).isEqualTo(200);
    assertThat(crawledPosts.find(id)).isEmpty();
  }
}
