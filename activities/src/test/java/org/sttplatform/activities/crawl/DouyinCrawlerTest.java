package org.sttplatform.activities.crawl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.sttplatform.activities.crawl.CrawlFixtures.DOUYIN_NOTE;
import static org.sttplatform.activities.crawl.CrawlFixtures.DOUYIN_VIDEO;
import static org.sttplatform.activities.crawl.CrawlFixtures.DOUYIN_WEB;

import java.util.List;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DouyinCrawlerTest {
  private static final String COOKIE =
      "s_v_web_id=verify_fake; ttwid=1%7Cfake; passport_csrf_token=x";

  private FixtureServer douyin;
  private FixtureServer tiktok;
  private PostCrawler crawler;

  @BeforeEach
  void setUp() throws Exception {
    douyin = new FixtureServer();
    tiktok = new FixtureServer();
    CrawlFixtures.douyin(douyin, "fresh.wav");
    crawler = new PostCrawler(CrawlFixtures.settings(douyin, tiktok), true);
  }

  @AfterEach
  void tearDown() {
    douyin.close();
    tiktok.close();
  }

  private PostCrawler withCookie() {
    return new PostCrawler(CrawlFixtures.settings(douyin, tiktok).withDouyinCookie(COOKIE), true);
  }

  @Test
  void aShortLinkIsResolvedAndThePublicSharePageRead() {
    CrawledPost post = crawler.crawl(Platform.DOUYIN, douyin.url("/fakeA1/"));

    assertThat(post.platform()).isEqualTo(Platform.DOUYIN);
    assertThat(post.postId()).isEqualTo(DOUYIN_VIDEO);
    assertThat(post.postUrl()).isEqualTo("https://www.douyin.com/video/" + DOUYIN_VIDEO);
    assertThat(post.kind()).isEqualTo("video");
    assertThat(post.title()).isEqualTo("测试视频 #fixture");
    assertThat(post.authorName()).isEqualTo("某人");
    assertThat(post.authorId()).isEqualTo("MS4wLjABAAAA_fake_author");
    assertThat(post.authorHandle()).isEqualTo("someone123");
    assertThat(post.durationSeconds()).isEqualTo(15.0); // 15000 ms
    assertThat(post.publishedAt()).isEqualTo(1_700_000_000L);
    assertThat(post.coverUrl()).contains("cover~c5_300x400.jpeg").doesNotContain(".webp");
    // the watermark-free redirector, with the \u002F escapes decoded
    assertThat(post.mediaUrl())
        .isEqualTo(
            douyin.url(
                "/aweme/v1/play/?video_id=v0200fg10000fake&ratio=720p&line=0&media=fresh.wav"));
    assertThat(post.mediaHeaders())
        .containsEntry("Referer", "https://www.douyin.com/")
        .containsKey("User-Agent")
        .doesNotContainKey("Cookie");
    assertThat(post.rawJson()).contains("\"aweme_id\":\"" + DOUYIN_VIDEO + "\"");

    RecordedRequest share = douyin.requests("/share/video/" + DOUYIN_VIDEO + "/").get(0);
    assertThat(share.getHeaders().get("User-Agent")).contains("Mobile");
    assertThat(share.getHeaders().get("Cookie")).isNull();
    assertThat(douyin.requests("/aweme/v1/web/aweme/detail/")).isEmpty();
  }

  @Test
  void aRedirectChainAndShareTextWithTheLinkInside() {
    String text =
        "7.64 复制打开抖音，看看【某人的作品】测试 # fixture " + douyin.url("/fakeHop/") + " l@C.uF 04/28 Mwf:/";
    CrawledPost post = crawler.crawl(Platform.DOUYIN, text);
    assertThat(post.postId()).isEqualTo(DOUYIN_VIDEO);
    assertThat(douyin.requests("/fakeHop/")).hasSize(1);
    assertThat(douyin.requests("/fakeA1/")).hasSize(1);
  }

  @Test
  void everyWebUrlFormNamesThePostWithoutARedirect() {
    for (String path :
        List.of(
            "/video/" + DOUYIN_VIDEO,
            "/jingxuan?modal_id=" + DOUYIN_VIDEO,
            "/user/MS4wLjABAAAA_someone?modal_id=" + DOUYIN_VIDEO + "&showTab=post",
            "/user/MS4wLjABAAAA_someone?vid=" + DOUYIN_VIDEO,
            "/share/video/" + DOUYIN_VIDEO + "/?region=CN")) {
      for (String host :
          List.of(douyin.base(), "https://www.douyin.com", "https://www.iesdouyin.com")) {
        CrawledPost post = crawler.crawl(Platform.DOUYIN, host + path);
        assertThat(post.postId()).as(host + path).isEqualTo(DOUYIN_VIDEO);
      }
    }
  }

  @Test
  void aNoteGivesItsAudio() {
    CrawledPost post = crawler.crawl(Platform.DOUYIN, douyin.url("/fakeNote/"));
    assertThat(post.postId()).isEqualTo(DOUYIN_NOTE);
    assertThat(post.kind()).isEqualTo("images");
    assertThat(post.postUrl()).isEqualTo("https://www.douyin.com/note/" + DOUYIN_NOTE);
    assertThat(post.mediaUrl()).isEqualTo(douyin.url("/music/note-audio.mp3"));
    assertThat(post.durationSeconds()).isEqualTo(12.0); // the music's, in seconds
    assertThat(douyin.requests("/share/note/" + DOUYIN_NOTE + "/")).hasSize(1);
  }

  @Test
  void theLegacyRenderDataPageIsRead() {
    CrawledPost post =
        crawler.crawl(Platform.DOUYIN, "https://www.douyin.com/video/7300000000000000777");
    assertThat(post.title()).isEqualTo("legacy page");
  }

  @Test
  void aDeletedPostIsUnavailableWithDouyinsReason() {
    CrawlException e =
        catchThrowableOfType(
            CrawlException.class,
            () ->
                crawler.crawl(Platform.DOUYIN, "https://www.douyin.com/video/7411111111111111111"));
    assertThat(e.kind()).isEqualTo(CrawlException.Kind.UNAVAILABLE);
    assertThat(e.getMessage()).contains("status_deleted").contains("作品已删除");
  }

  @Test
  void aSharePageWithoutDataAndNoCookieNamesTheSetting() {
    for (String id : List.of(DOUYIN_WEB, "7433333333333333333")) {
      CrawlException e =
          catchThrowableOfType(
              CrawlException.class,
              () -> crawler.crawl(Platform.DOUYIN, "https://www.douyin.com/video/" + id));
      assertThat(e.kind()).isEqualTo(CrawlException.Kind.NOT_CONFIGURED);
      assertThat(e.getMessage()).contains("STT_DOUYIN_COOKIE").contains(id);
    }
    assertThat(douyin.requests("/aweme/v1/web/aweme/detail/")).isEmpty();
  }

  @Test
  void aSharePageWithoutDataFallsBackToTheWebApiWithTheCookie() {
    CrawledPost post =
        withCookie().crawl(Platform.DOUYIN, "https://www.douyin.com/video/" + DOUYIN_WEB);

    assertThat(post.postId()).isEqualTo(DOUYIN_WEB);
    assertThat(post.title()).isEqualTo("web api post");
    assertThat(post.durationSeconds()).isEqualTo(19.782);
    assertThat(post.authorHandle()).isEqualTo("webauthor");
    assertThat(post.mediaUrl()).startsWith(douyin.url("/douyinvod/fresh.wav?expire="));
    assertThat(post.mediaHeaders()).doesNotContainKey("Cookie"); // the operator's secret stays here
    RecordedRequest api = douyin.requests("/aweme/v1/web/aweme/detail/").get(0);
    assertThat(api.getHeaders().get("Cookie")).isEqualTo(COOKIE);
    assertThat(api.getHeaders().get("Referer")).isEqualTo(douyin.base() + "/");
    assertThat(api.getUrl().queryParameter("aweme_id")).isEqualTo(DOUYIN_WEB);
    assertThat(api.getUrl().queryParameter("aid")).isEqualTo("6383");
  }

  @Test
  void aStaleCookieIsReportedWithoutShowingIt() {
    PostCrawler stale =
        new PostCrawler(CrawlFixtures.settings(douyin, tiktok).withDouyinCookie("ttwid=old"), true);
    CrawlException e =
        catchThrowableOfType(
            CrawlException.class,
            () -> stale.crawl(Platform.DOUYIN, "https://www.douyin.com/video/" + DOUYIN_WEB));
    assertThat(e.kind()).isEqualTo(CrawlException.Kind.NOT_CONFIGURED);
    assertThat(e.getMessage())
        .contains("STT_DOUYIN_COOKIE")
        .contains("stale")
        .doesNotContain("old");
  }

  @Test
  void aPrivatePostInTheWebApiIsUnavailable() {
    CrawlException e =
        catchThrowableOfType(
            CrawlException.class,
            () ->
                withCookie()
                    .crawl(Platform.DOUYIN, "https://www.douyin.com/video/7433333333333333333"));
    assertThat(e.kind()).isEqualTo(CrawlException.Kind.UNAVAILABLE);
    assertThat(e.getMessage()).contains("仅自己可见");
  }

  @Test
  void linksThatAreNotDouyinPostsAreRefusedNamingDouyin() {
    for (String link :
        List.of(
            "https://example.com/video/7424432820954598707",
            "https://www.tiktok.com/@a/video/7300000000000000001",
            "no link at all",
            douyin.url("/fakeXigua/"),
            "https://www.douyin.com/user/MS4wLjABAAAA_someone")) {
      CrawlException e =
          catchThrowableOfType(CrawlException.class, () -> crawler.crawl(Platform.DOUYIN, link));
      assertThat(e).as(link).isNotNull();
      assertThat(e.kind()).as(link).isEqualTo(CrawlException.Kind.NOT_A_POST);
      assertThat(e.getMessage()).as(link).contains("Douyin");
    }
  }

  @Test
  void theCrawlerIsGuardedAgainstPrivateNetworks() {
    PostCrawler guarded = new PostCrawler(CrawlFixtures.settings(douyin, tiktok), false);
    CrawlException e =
        catchThrowableOfType(
            CrawlException.class, () -> guarded.crawl(Platform.DOUYIN, douyin.url("/fakeA1/")));
    assertThat(e.kind()).isEqualTo(CrawlException.Kind.NOT_A_POST);
    assertThat(e.getMessage())
        .contains("private or local network")
        .contains("STT_FETCH_ALLOW_PRIVATE_NETWORKS");
    assertThat(douyin.requests()).isEmpty();
  }

  @Test
  void listingAnAccountNeedsTheCookie() {
    CrawlException e =
        catchThrowableOfType(
            CrawlException.class,
            () -> crawler.account(Platform.DOUYIN, douyin.url("/fakeUser/"), 10));
    assertThat(e.kind()).isEqualTo(CrawlException.Kind.NOT_CONFIGURED);
    assertThat(e.getMessage()).contains("STT_DOUYIN_COOKIE");
  }

  @Test
  void anAccountIsListedPageByPageUpToTheLimit() {
    AccountPage page = withCookie().account(Platform.DOUYIN, douyin.url("/fakeUser/"), 4);

    assertThat(page.accountId()).isEqualTo("MS4wLjABAAAA_list_author");
    assertThat(page.name()).isEqualTo("列表作者");
    assertThat(page.posts())
        .extracting(CrawledPost::postId)
        .containsExactly(
            "7430000000000000001",
            "7430000000000000002",
            "7430000000000000003",
            "7430000000000000004");
    assertThat(page.hasMore()).isFalse();
    List<RecordedRequest> calls = douyin.requests("/aweme/v1/web/aweme/post/");
    assertThat(calls).hasSize(2);
    assertThat(calls.get(0).getUrl().queryParameter("sec_user_id"))
        .isEqualTo("MS4wLjABAAAA_list_author");
    assertThat(calls.get(1).getUrl().queryParameter("max_cursor")).isEqualTo("1700000200000");
    assertThat(page.toMap()).containsEntry("count", 4);
  }
}
