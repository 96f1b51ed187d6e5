package org.sttplatform.activities.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import okhttp3.HttpUrl;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every link form of crawling.md §1 yields its post id; ids in the query win over the path. */
class PostLinksTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "https://www.douyin.com/video/7424432820954598707|7424432820954598707",
        "https://www.douyin.com/video/7424432820954598707?previous_page=app_code_link|7424432820954598707",
        "https://www.douyin.com/note/7400000000000000123|7400000000000000123",
        "https://www.douyin.com/jingxuan?modal_id=7424432820954598707|7424432820954598707",
        "https://www.douyin.com/discover?modal_id=7424432820954598707|7424432820954598707",
        "https://www.douyin.com/user/MS4wLjABAAAA_x?modal_id=7424432820954598707&showTab=favorite_collection|7424432820954598707",
        "https://www.douyin.com/user/MS4wLjABAAAA_x?vid=7206519665021996303|7206519665021996303",
        "https://www.iesdouyin.com/share/video/7424432820954598707/?region=CN&mid=7&u_code=0|7424432820954598707",
        "https://www.iesdouyin.com/share/note/7400000000000000123/|7400000000000000123",
      })
  void douyinIds(String url, String id) {
    assertThat(PostLinks.douyinPostId(HttpUrl.parse(url))).isEqualTo(id);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "https://v.douyin.com/iANRkr9m/",
        "https://www.douyin.com/user/MS4wLjABAAAA1234567890",
        "https://www.douyin.com/",
      })
  void douyinLinksWithoutAnId(String url) {
    assertThat(PostLinks.douyinPostId(HttpUrl.parse(url))).isNull();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "https://www.tiktok.com/@some.user/video/7300000000000000001?is_from_webapp=1&sender_device=pc|7300000000000000001|some.user",
        "https://www.tiktok.com/@some.user/photo/7300000000000000002|7300000000000000002|some.user",
        "https://www.tiktok.com/@/video/7300000000000000001|7300000000000000001|",
        "https://www.tiktok.com/@MS4wLjABAAAAabc/video/7300000000000000001|7300000000000000001|MS4wLjABAAAAabc",
        "https://www.tiktok.com/share/video/7300000000000000001/|7300000000000000001|",
        "https://www.tiktokv.com/share/video/7300000000000000001/|7300000000000000001|",
        "https://www.tiktok.com/embed/7300000000000000001|7300000000000000001|",
        "https://www.tiktok.com/embed/v2/7300000000000000001|7300000000000000001|",
      })
  void tiktokIdsAndHandles(String url, String id, String handle) {
    HttpUrl parsed = HttpUrl.parse(url);
    assertThat(PostLinks.tiktokPostId(parsed)).isEqualTo(id);
    assertThat(PostLinks.tiktokHandle(parsed)).isEqualTo(handle);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "7.64 复制打开抖音，看看【某人的作品】测试 # fixture https://v.douyin.com/nbY0jmfo4lQ/ l@C.uF 04/28 Mwf:/|https://v.douyin.com/nbY0jmfo4lQ/",
        "看看这个 https://v.douyin.com/I_q85Kgh4IA/，复制此链接|https://v.douyin.com/I_q85Kgh4IA/",
        "Check this out! https://vm.tiktok.com/ZMabc123/ #fyp|https://vm.tiktok.com/ZMabc123/",
        "(https://www.tiktok.com/@a/video/7300000000000000001).|https://www.tiktok.com/@a/video/7300000000000000001",
        "https://www.douyin.com/video/7424432820954598707|https://www.douyin.com/video/7424432820954598707",
      })
  void theFirstLinkOfShareText(String text, String link) {
    assertThat(PostLinks.firstUrl(text)).hasToString(link);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "https://www.douyin.com/user/MS4wLjABAAAA_account|MS4wLjABAAAA_account",
        "https://www.iesdouyin.com/share/user/1100000001?sec_uid=MS4wLjABAAAA_shared&u_code=0|MS4wLjABAAAA_shared",
      })
  void douyinAccounts(String url, String secUid) {
    assertThat(PostLinks.douyinSecUid(HttpUrl.parse(url))).isEqualTo(secUid);
  }
}
