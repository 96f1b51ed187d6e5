package org.sttplatform.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * Where a media URL came from when a crawler found it in a Douyin or TikTok post: what the download
 * must send, and what to crawl again when the signed URL has expired.
 *
 * @param platform {@code douyin} or {@code tiktok}
 * @param postUrl the post's canonical URL, crawled again once when the media URL answers 403 or 410
 * @param headers request headers the media host requires (Referer, User-Agent, the page's cookies
 *     for TikTok); never the operator's Douyin cookie
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CrawledSource(
    String platform, @JsonProperty("post_url") String postUrl, Map<String, String> headers) {

  public CrawledSource {
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }
}
