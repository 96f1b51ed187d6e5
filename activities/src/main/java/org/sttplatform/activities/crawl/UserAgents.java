package org.sttplatform.activities.crawl;

/** The browsers the crawler presents itself as: the platforms answer browsers only. */
final class UserAgents {
  private UserAgents() {}

  /** Douyin's share pages serve their data to mobile browsers. */
  static final String MOBILE =
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like"
          + " Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

  /** Douyin's web API and TikTok's web pages, as a desktop Chrome. */
  static final String DESKTOP =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/130.0.0.0 Safari/537.36";
}
