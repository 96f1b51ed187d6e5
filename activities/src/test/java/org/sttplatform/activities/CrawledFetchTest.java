package org.sttplatform.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sttplatform.activities.ActivityTestSupport.failureOf;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttplatform.activities.crawl.CrawlFixtures;
import org.sttplatform.activities.crawl.CrawledPost;
import org.sttplatform.activities.crawl.FixtureServer;
import org.sttplatform.activities.crawl.Platform;
import org.sttplatform.activities.crawl.PostCrawler;
import org.sttplatform.workflows.Failures;
import org.sttplatform.workflows.activity.MediaActivities;
import org.sttplatform.workflows.model.CrawledSource;
import org.sttplatform.workflows.model.MediaInfo;
import org.sttplatform.workflows.model.MediaRef;
import org.sttplatform.workflows.pipeline.component.CrawlComponents;
import org.sttplatform.workflows.pipeline.component.MediaComponents;
import org.sttplatform.workflows.pipeline.component.io.CrawlAccountInput;
import org.sttplatform.workflows.pipeline.component.io.CrawlInput;
import org.sttplatform.workflows.pipeline.component.io.FetchInput;
import org.sttplatform.workflows.pipeline.component.io.MediaOutput;

/**
 * Downloads of crawled media: the platform's headers reach the CDN, and a signed URL that has
 * expired (403/410) is crawled again once and the fresh URL downloaded; speech from espeak-ng.
 */
class CrawledFetchTest {
  private static final long TASK = 11;

  @TempDir Path dataDir;

  private FixtureServer douyin;
  private FixtureServer tiktok;
  private TestActivityEnvironment env;
  private MediaActivities activities;
  private MediaComponents components;
  private CrawlComponents crawlComponents;
  private PostCrawler crawler;
  private Path speech;

  @BeforeEach
  void setUp() throws Exception {
    speech = TestMedia.espeakWav();
    douyin = new FixtureServer();
    tiktok = new FixtureServer();
    CrawlFixtures.douyin(douyin, "fresh.wav");
    CrawlFixtures.douyinMedia(douyin, speech);
    CrawlFixtures.tiktok(tiktok, "720.mp4");
    CrawlFixtures.tiktokMedia(tiktok, speech);
    CpuWorkerSettings settings =
        CpuWorkerSettings.defaults(dataDir)
            .withAllowPrivateNetworks(true)
            .withCrawl(CrawlFixtures.settings(douyin, tiktok));
    crawler = new PostCrawler(settings.crawl(), true);
    env = TestActivityEnvironment.newInstance();
    MediaActivitiesImpl impl = new MediaActivitiesImpl(settings);
    env.registerActivitiesImplementations(
        impl, new MediaComponentsImpl(impl), new CrawlComponentsImpl(impl));
    activities = ActivityTestSupport.stub(env);
    ActivityOptions once =
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(30))
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
            .build();
    components = env.newActivityStub(MediaComponents.class, once);
    crawlComponents = env.newActivityStub(CrawlComponents.class, once);
  }

  @AfterEach
  void tearDown() {
    env.close();
    douyin.close();
    tiktok.close();
  }

  private void assertSpeech(MediaRef media) {
    assertThat(new DataLayout(dataDir).files().localFile(media.key())).exists();
    MediaInfo info = activities.probe(media);
    assertThat(info.durationSeconds()).isGreaterThan(2.0);
    assertThat(info.audioCodec()).isNotBlank();
  }

  @Test
  void douyinMediaIsDownloadedWithTheRefererTheCdnRequires() throws Exception {
    CrawledPost post = crawler.crawl(Platform.DOUYIN, douyin.url("/fakeA1/"));

    MediaRef media = activities.fetchCrawled(TASK, post.mediaUrl(), post.source());

    assertSpeech(media);
    assertThat(Files.size(new DataLayout(dataDir).files().localFile(media.key())))
        .isEqualTo(Files.size(speech));
    assertThat(douyin.requests("/douyinvod/fresh.wav").get(0).getHeaders().get("Referer"))
        .isEqualTo(CrawlFixtures.DOUYIN_REFERER);
    assertThat(douyin.requests("/aweme/v1/playwm/")).isEmpty();
    // without the headers the CDN refuses, as the real one does
    assertThat(failureOf(() -> activities.fetch(TASK + 1, post.mediaUrl())).getType())
        .isEqualTo(Failures.BAD_URL);
  }

  @Test
  void anExpiredDouyinUrlIsCrawledAgainOnceAndTheFreshUrlDownloaded() {
    AtomicInteger pages = new AtomicInteger();
    douyin.route(
        "/share/video/" + CrawlFixtures.DOUYIN_VIDEO + "/",
        r ->
            FixtureServer.html(
                douyin.fixture(
                    "douyin/share-video.html",
                    pages.incrementAndGet() == 1 ? "expired.wav" : "fresh.wav")));
    CrawledPost post = crawler.crawl(Platform.DOUYIN, douyin.url("/fakeA1/"));
    assertThat(post.mediaUrl()).contains("media=expired.wav");

    MediaRef media = activities.fetchCrawled(TASK, post.mediaUrl(), post.source());

    assertSpeech(media);
    assertThat(douyin.requests("/douyinvod/expired.wav")).hasSize(1);
    assertThat(douyin.requests("/douyinvod/fresh.wav")).hasSize(1);
    assertThat(pages).hasValue(2);
  }

  @Test
  void aUrlStillRefusedAfterTheRecrawlFailsTheDownload() {
    douyin.route(
        "/share/video/" + CrawlFixtures.DOUYIN_VIDEO + "/",
        r -> FixtureServer.html(douyin.fixture("douyin/share-video.html", "expired.wav")));
    CrawledPost post = crawler.crawl(Platform.DOUYIN, douyin.url("/fakeA1/"));

    var failure = failureOf(() -> activities.fetchCrawled(TASK, post.mediaUrl(), post.source()));

    assertThat(failure.getType()).isEqualTo(Failures.BAD_URL);
    assertThat(failure.getOriginalMessage()).contains("403");
    assertThat(douyin.requests("/douyinvod/expired.wav")).hasSize(2); // once more, not forever
  }

  @Test
  void tiktokMediaGetsThePageCookiesAndAnExpiredUrlIsCrawledAgain() {
    AtomicInteger pages = new AtomicInteger();
    tiktok.route(
        "/@some.user/video/" + CrawlFixtures.TIKTOK_VIDEO,
        r ->
            FixtureServer.html(
                    tiktok.fixture(
                        "tiktok/video-page.html",
                        pages.incrementAndGet() == 1 ? "expired.mp4" : "720.mp4"))
                .newBuilder()
                .addHeader("Set-Cookie", "tt_chain_token=tok123; Domain=.tiktok.com; Path=/")
                .build());
    CrawledPost post = crawler.crawl(Platform.TIKTOK, tiktok.url("/ZMfake1/"));

    MediaRef media = activities.fetchCrawled(TASK, post.mediaUrl(), post.source());

    assertSpeech(media);
    assertThat(tiktok.requests("/tt/expired.mp4")).hasSize(1);
    var cdn = tiktok.requests("/tt/720.mp4").get(0);
    assertThat(cdn.getHeaders().get("Cookie")).contains("tt_chain_token=tok123");
    assertThat(cdn.getHeaders().get("Referer"))
        .isEqualTo("https://www.tiktok.com/@some.user/video/" + CrawlFixtures.TIKTOK_VIDEO);
  }

  @Test
  void theCrawlComponentFeedsTheFetchComponent() {
    Map<String, Object> out =
        crawlComponents.crawl(new CrawlInput("看看 " + douyin.url("/fakeA1/") + " 复制此链接", null));

    assertThat(out)
        .containsEntry("platform", "douyin")
        .containsEntry("post_id", CrawlFixtures.DOUYIN_VIDEO)
        .containsEntry("title", "测试视频 #fixture")
        .containsKeys("author", "duration_seconds", "cover_url", "published_at", "headers");
    @SuppressWarnings("unchecked")
    Map<String, String> headers = (Map<String, String>) out.get("headers");
    CrawledSource source = new ObjectMapper().convertValue(out.get("source"), CrawledSource.class);
    assertThat(source.postUrl())
        .isEqualTo("https://www.douyin.com/video/" + CrawlFixtures.DOUYIN_VIDEO);

    // headers alone
    MediaOutput byHeaders =
        components.fetch(new FetchInput("run-h", (String) out.get("media_url"), headers, null));
    assertSpeech(byHeaders.media());
    // the source alone (its headers, and the re-crawl)
    MediaOutput bySource =
        components.fetch(new FetchInput("run-s", (String) out.get("media_url"), null, source));
    assertSpeech(bySource.media());
    assertThat(new DataLayout(dataDir).files().localFile(bySource.media().key()))
        .startsWith(dataDir.resolve("work"));
  }

  @Test
  void theAccountComponentListsPostsAndChecksItsLimit() {
    Map<String, Object> page =
        crawlComponents.crawlAccount(new CrawlAccountInput(tiktok.url("/ZMuser/"), "tiktok", 2));
    assertThat(page).containsEntry("platform", "tiktok").containsEntry("count", 2);
    assertThat((java.util.List<?>) page.get("posts")).hasSize(2);

    var tooMany =
        failureOf(
            () ->
                crawlComponents.crawlAccount(
                    new CrawlAccountInput(tiktok.url("/ZMuser/"), "tiktok", 1000)));
    assertThat(tooMany.getType()).isEqualTo(Failures.INVALID_OPTIONS);
    var noCookie =
        failureOf(
            () ->
                crawlComponents.crawlAccount(
                    new CrawlAccountInput(douyin.url("/fakeUser/"), null, 5)));
    assertThat(noCookie.getType()).isEqualTo(Failures.CRAWLER_NOT_CONFIGURED);
    assertThat(noCookie.getOriginalMessage()).contains("STT_DOUYIN_COOKIE");
    var notAPost =
        failureOf(
            () -> crawlComponents.crawl(new CrawlInput("https://example.com/video/1", "douyin")));
    assertThat(notAPost.getType()).isEqualTo(Failures.BAD_URL);
    assertThat(notAPost.getOriginalMessage()).contains("Douyin");
  }
}
