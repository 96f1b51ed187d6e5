package org.sttplatform.activities;

import io.temporal.failure.ApplicationFailure;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sttplatform.activities.crawl.CrawlException;
import org.sttplatform.activities.crawl.CrawledPost;
import org.sttplatform.activities.crawl.Platform;
import org.sttplatform.activities.crawl.PostCrawler;
import org.sttplatform.workflows.Failures;
import org.sttplatform.workflows.pipeline.component.BuiltInComponents;
import org.sttplatform.workflows.pipeline.component.CrawlComponents;
import org.sttplatform.workflows.pipeline.component.io.CrawlAccountInput;
import org.sttplatform.workflows.pipeline.component.io.CrawlInput;

/** The {@code crawl} and {@code crawl_account} components, on the media activities' crawler. */
public final class CrawlComponentsImpl implements CrawlComponents {
  private final PostCrawler crawler;

  /** Components on {@code media}'s crawler (its settings, HTTP client and SSRF guard). */
  public CrawlComponentsImpl(MediaActivitiesImpl media) {
    this(media.crawler());
  }

  CrawlComponentsImpl(PostCrawler crawler) {
    this.crawler = crawler;
  }

  @Override
  public Map<String, Object> crawl(CrawlInput input) {
    CrawledPost post;
    try {
      post = crawler.crawl(platform(input.platform()), input.url());
    } catch (CrawlException e) {
      throw e.toFailure();
    }
    Map<String, Object> out = new LinkedHashMap<>(post.metadata());
    out.put("headers", post.mediaHeaders());
    out.put("source", post.source());
    return out;
  }

  @Override
  public Map<String, Object> crawlAccount(CrawlAccountInput input) {
    int limit =
        input.limit() == null ? BuiltInComponents.CRAWL_ACCOUNT_DEFAULT_LIMIT : input.limit();
    if (limit < 1 || limit > BuiltInComponents.CRAWL_ACCOUNT_MAX_LIMIT) {
      throw ApplicationFailure.newNonRetryableFailure(
          "limit must be between 1 and "
              + BuiltInComponents.CRAWL_ACCOUNT_MAX_LIMIT
              + ", was "
              + limit,
          Failures.INVALID_OPTIONS);
    }
    try {
      return crawler.account(platform(input.platform()), input.url(), limit).toMap();
    } catch (CrawlException e) {
      throw e.toFailure();
    }
  }

  private static Platform platform(String name) {
    if (name == null || name.isBlank()) {
      return null;
    }
    Platform p = Platform.parse(name);
    if (p == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "Unknown platform '" + name + "'; expected douyin or tiktok", Failures.INVALID_OPTIONS);
    }
    return p;
  }
}
