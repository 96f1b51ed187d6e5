package org.sttplatform.activities.crawl;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * Link forms of Douyin and TikTok posts and accounts (see {@code crawling.md} §1): the link inside
 * pasted share text, and the ids in each URL form.
 */
final class PostLinks {
  private PostLinks() {}

  /** Links are ASCII: share text goes on with Chinese punctuation or prose right after them. */
  private static final Pattern FIRST_URL = Pattern.compile("https?://[!-~&&[^\"'<>]]+");

  /** Characters share text puts right after a link, which are not part of it. */
  private static final String TRAILING = ".,;:!?)]}>，。；：！？）】」』、…";

  /**
   * The first http(s) link in {@code text} (the whole text when it is a link), or {@code null}. The
   * app's share text wraps the link in prose: {@code 7.64 复制打开抖音… https://v.douyin.com/x/ l@C.uF
   * …}.
   */
  static HttpUrl firstUrl(String text) {
    if (text == null) {
      return null;
    }
    Matcher m = FIRST_URL.matcher(text);
    if (!m.find()) {
      return null;
    }
    String url = m.group();
    while (!url.isEmpty() && TRAILING.indexOf(url.charAt(url.length() - 1)) >= 0) {
      url = url.substring(0, url.length() - 1);
    }
    return HttpUrl.parse(url);
  }

  private static final Pattern SHORT_LINK = Pattern.compile("/(?:t/)?[A-Za-z0-9_-]{3,40}/?");

  /**
   * Whether {@code url}'s path has the form of a short link ({@code /iANRkr9m/}, {@code
   * /t/ZTabc/}), the only links the crawler follows redirects of: any other link already names what
   * it names.
   */
  static boolean shortLinkForm(HttpUrl url) {
    return SHORT_LINK.matcher(url.encodedPath()).matches();
  }

  private static final Pattern DIGITS = Pattern.compile("\\d{6,25}");
  private static final Pattern DOUYIN_PATH =
      Pattern.compile("/(?:share/)?(?:video|note|slides)/(\\d{6,25})(?:[/?#]|$)");

  /**
   * The Douyin post id of {@code url}, or {@code null}. {@code modal_id} and {@code vid} win over
   * the path, whose last segment is a user's sec_uid in {@code /user/<sec_uid>?modal_id=…}.
   */
  static String douyinPostId(HttpUrl url) {
    for (String param : new String[] {"modal_id", "vid", "aweme_id", "item_id"}) {
      String v = url.queryParameter(param);
      if (v != null && DIGITS.matcher(v).matches()) {
        return v;
      }
    }
    Matcher m = DOUYIN_PATH.matcher(url.encodedPath());
    return m.find() ? m.group(1) : null;
  }

  /** Whether a Douyin URL names a note (图文) rather than a video. */
  static boolean douyinNote(HttpUrl url) {
    return url.encodedPath().contains("/note/") || url.encodedPath().contains("/slides/");
  }

  private static final Pattern TIKTOK_PATH =
      Pattern.compile("/(?:video|photo|embed(?:/v2)?)/(\\d{6,25})(?:[/?#]|$)");
  private static final Pattern TIKTOK_HANDLE = Pattern.compile("^/@([\\w.-]+)");

  /**
   * The TikTok post id of {@code url} ({@code video/}, {@code photo/}, {@code embed/}), or null.
   */
  static String tiktokPostId(HttpUrl url) {
    Matcher m = TIKTOK_PATH.matcher(url.encodedPath());
    if (m.find()) {
      return m.group(1);
    }
    String v = url.queryParameter("item_id");
    return v != null && DIGITS.matcher(v).matches() ? v : null;
  }

  /** The {@code @handle} of a TikTok URL (without the {@code @}), or {@code null}. */
  static String tiktokHandle(HttpUrl url) {
    Matcher m = TIKTOK_HANDLE.matcher(url.encodedPath());
    return m.find() ? m.group(1) : null;
  }

  /** Whether a TikTok URL is a photo (slideshow) post. */
  static boolean tiktokPhoto(HttpUrl url) {
    return url.encodedPath().contains("/photo/");
  }

  private static final Pattern DOUYIN_USER = Pattern.compile("/user/([\\w.-]{8,})");

  /** The Douyin account's sec_uid of {@code url} ({@code /user/<sec_uid>}, {@code sec_uid=}). */
  static String douyinSecUid(HttpUrl url) {
    String q = url.queryParameter("sec_uid");
    if (q != null && !q.isBlank()) {
      return q;
    }
    Matcher m = DOUYIN_USER.matcher(url.encodedPath());
    return m.find() && !url.encodedPath().startsWith("/share/user/") ? m.group(1) : null;
  }
}
