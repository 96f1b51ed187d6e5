package org.sttplatform.activities.crawl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.sttplatform.activities.crawl.CrawlFixtures.TIKTOK_VIDEO;

import java.util.List;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TikTokCrawlerTest {
  private FixtureServer douyin;
  private FixtureServer tiktok;
  private PostCrawler crawler;

  @BeforeEach
  void setUp() throws Exception {
    douyin = new FixtureServer();
    tiktok = new FixtureServer();
    CrawlFixtures.tiktok(tiktok, "720.mp4");
    crawler = new PostCrawler(CrawlFixtures.settings(douyin, tiktok), true);
  }

  @AfterEach
  void tearDown() {
    douyin.close();
    tiktok.close();
  }

  private CrawlException failure(String link) {
    CrawlException e =
        catchThrowableOfType(CrawlException.class, () -> crawler.crawl(Platform.TIKTOK, link));
    assertThat(e).as(link).isNotNull();
    return e;
  }

  @Test
  void aShortLinkLeadsToThePageWhoseRehydrationDataIsRead() {
    CrawledPost post = crawler.crawl(Platform.TIKTOK, tiktok.url("/ZMfake1/"));

    assertThat(post.platform()).isEqualTo(Platform.TIKTOK);
    assertThat(post.postId()).isEqualTo(TIKTOK_VIDEO);
    assertThat(post.postUrl()).isEqualTo("https://www.tiktok.com/@some.user/video/" + TIKTOK_VIDEO);
    assertThat(post.title()).isEqualTo("hello #tag from tiktok");
    assertThat(post.authorHandle()).isEqualTo("some.user");
    assertThat(post.authorName()).isEqualTo("Some User");
    assertThat(post.authorId()).isEqualTo("MS4wLjABAAAA_tt_fake");
    assertThat(post.durationSeconds()).isEqualTo(15.0);
    assertThat(post.publishedAt()).isEqualTo(1_700_000_000L); // a string in the JSON
    assertThat(post.coverUrl()).isEqualTo("https://" + tiktok.host() + "/tt/cover.jpeg");
    // the best h264 entry: not bytevc2, not the hvc1 1080p, not www.tiktok.com, not watermarked
    assertThat(post.mediaUrl()).startsWith(tiktok.url("/tt/720.mp4?expire="));
    // the cookies the page set, its URL as Referer and the same User-Agent, for the CDN
    assertThat(post.mediaHeaders().get("Cookie"))
        .contains("tt_chain_token=tok123")
        .contains("ttwid=1%7Cfake");
    assertThat(post.mediaHeaders())
        .containsEntry("Referer", post.postUrl())
        .containsKey("User-Agent");
    RecordedRequest page = tiktok.requests("/@some.user/video/" + TIKTOK_VIDEO).get(0);
    assertThat(page.getHeaders().get("User-Agent"))
        .isEqualTo(post.mediaHeaders().get("User-Agent"));
  }

  @Test
  void aRedirectChainAndShareTextWithTheLinkInside() {
    CrawledPost post =
        crawler.crawl(
            Platform.TIKTOK, "Check out this video! " + tiktok.url("/t/ZTfake2/") + " #fyp #fun");
    assertThat(post.postId()).isEqualTo(TIKTOK_VIDEO);
    assertThat(tiktok.requests("/t/ZTfake2/")).hasSize(1);
    assertThat(tiktok.requests("/ZMfake1/")).hasSize(1);
  }

  @Test
  void everyUrlFormOfAPost() {
    for (String link :
        List.of(
            "https://www.tiktok.com/@some.user/video/" + TIKTOK_VIDEO + "?is_from_webapp=1",
            tiktok.url("/@some.user/video/" + TIKTOK_VIDEO))) {
      assertThat(crawler.crawl(Platform.TIKTOK, link).postId()).isEqualTo(TIKTOK_VIDEO);
    }
    for (String link :
        List.of(
            "https://www.tiktok.com/@/video/7300000000000000002",
            "https://www.tiktok.com/share/video/7300000000000000002/",
            "https://www.tiktokv.com/share/video/7300000000000000002/",
            "https://www.tiktok.com/embed/7300000000000000002",
            "https://www.tiktok.com/embed/v2/7300000000000000002")) {
      CrawledPost post = crawler.crawl(Platform.TIKTOK, link);
      assertThat(post.postId()).as(link).isEqualTo("7300000000000000002");
      // playAddr as a list: its first usable src (www.tiktok.com URLs are broken)
      assertThat(post.mediaUrl()).as(link).isEqualTo(tiktok.url("/tt/list-play.mp4"));
      assertThat(post.publishedAt()).isEqualTo(1_700_000_500L);
    }
    assertThat(tiktok.requests("/@_/video/7300000000000000002")).hasSize(5);
  }

  @Test
  void aPhotoPostGivesItsMusicAndTheMusicDuration() {
    CrawledPost post = crawler.crawl(Platform.TIKTOK, tiktok.url("/ZMphoto/"));
    assertThat(post.postId()).isEqualTo("7300000000000000003");
    assertThat(post.kind()).isEqualTo("images");
    assertThat(post.mediaUrl()).isEqualTo(tiktok.url("/tt/slideshow.mp3"));
    assertThat(post.durationSeconds()).isEqualTo(12.0);
    assertThat(post.postUrl())
        .isEqualTo("https://www.tiktok.com/@photo.user/photo/7300000000000000003");
  }

  @Test
  void privateRemovedBlockedAndRestrictedPostsAreUnavailableSayingWhy() {
    assertUnavailable("https://www.tiktok.com/@/video/7300000000000000004", "private");
    assertUnavailable("https://www.tiktok.com/@/video/7300000000000000005", "blocked");
    assertUnavailable("https://www.tiktok.com/@/video/7300000000000000006", "removed");
    assertUnavailable("https://www.tiktok.com/@/video/7300000000000000009", "age-restricted");
    assertUnavailable("https://www.tiktok.com/@/video/7300000000000000008", "log in");
    assertUnavailable(tiktok.url("/ZMblocked/"), "region");
    assertUnavailable(tiktok.url("/ZMlogin/"), "log in");
  }

  private void assertUnavailable(String link, String why) {
    CrawlException e = failure(link);
    assertThat(e.kind()).as(link).isEqualTo(CrawlException.Kind.UNAVAILABLE);
    assertThat(e.getMessage()).as(link).contains(why);
  }

  @Test
  void aChallengePageIsATransientFailure() {
    CrawlException e = failure("https://www.tiktok.com/@/video/7300000000000000007");
    assertThat(e.kind()).isEqualTo(CrawlException.Kind.FAILED);
    assertThat(e.getMessage()).contains("Please wait").contains("try again later");
  }

  @Test
  void linksThatAreNotTikTokPostsAreRefusedNamingTikTok() {
    for (String link :
        List.of(
            "https://example.com/@some.user/video/7300000000000000001",
            "https://www.douyin.com/video/7424432820954598707",
            "https://www.tiktok.com/@some.user",
            "ftp://www.tiktok.com/video/1")) {
      CrawlException e = failure(link);
      assertThat(e.kind()).as(link).isEqualTo(CrawlException.Kind.NOT_A_POST);
      assertThat(e.getMessage()).as(link).contains("TikTok");
    }
  }

  @Test
  void anAccountIsListedNewestFirstWithoutStoppingAtAPinnedPost() {
    AccountPage page = crawler.account(Platform.TIKTOK, tiktok.url("/ZMuser/"), 4);

    assertThat(page.accountId()).isEqualTo("MS4wLjABAAAA_tt_fake");
    assertThat(page.handle()).isEqualTo("some.user");
    assertThat(page.name()).isEqualTo("Some User");
    assertThat(page.posts())
        .extracting(CrawledPost::postId)
        .containsExactly(
            "7310000000000000001",
            "7310000000000000002",
            "7310000000000000003",
            "7310000000000000004");
    assertThat(page.posts().get(1).mediaUrl()).isEqualTo(tiktok.url("/tt/item-2.mp4"));
    List<RecordedRequest> calls = tiktok.requests("/api/creator/item_list/");
    assertThat(calls).hasSize(2);
    assertThat(calls.get(0).getUrl().queryParameter("secUid")).isEqualTo("MS4wLjABAAAA_tt_fake");
    // paged by the last item's time, not the pinned post's
    assertThat(calls.get(1).getUrl().queryParameter("cursor")).isEqualTo("1700000800000");
  }

  @Test
  void aPrivateAccountIsUnavailable() {
    CrawlException e =
        catchThrowableOfType(
            CrawlException.class,
            () -> crawler.account(Platform.TIKTOK, "https://www.tiktok.com/@private.user", 5));
    assertThat(e.kind()).isEqualTo(CrawlException.Kind.UNAVAILABLE);
    assertThat(e.getMessage()).contains("private");
  }
}
