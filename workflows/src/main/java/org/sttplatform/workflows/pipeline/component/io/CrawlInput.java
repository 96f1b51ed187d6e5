package org.sttplatform.workflows.pipeline.component.io;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Input of {@code crawl}.
 *
 * @param url a post link (short link, share text with the link inside, any web or share form)
 * @param platform {@code douyin} or {@code tiktok}; {@code null} or blank: told by the link
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CrawlInput(String url, String platform) {}
