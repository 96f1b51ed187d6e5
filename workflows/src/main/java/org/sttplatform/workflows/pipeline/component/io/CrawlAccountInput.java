package org.sttplatform.workflows.pipeline.component.io;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Input of {@code crawl_account}.
 *
 * @param url an account link (user page, or a short link to one)
 * @param platform {@code douyin} or {@code tiktok}; {@code null} or blank: told by the link
 * @param limit most posts returned ({@code null}: the component's default)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CrawlAccountInput(String url, String platform, Integer limit) {}
