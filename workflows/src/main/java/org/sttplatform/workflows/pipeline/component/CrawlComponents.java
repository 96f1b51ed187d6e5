package org.sttplatform.workflows.pipeline.component;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.Map;
import org.sttplatform.workflows.pipeline.component.io.CrawlAccountInput;
import org.sttplatform.workflows.pipeline.component.io.CrawlInput;

/**
 * The Douyin/TikTok crawler components the CPU worker runs. Outputs are JSON objects (documented in
 * {@code docs/components.md}); failure types are {@code PostUnavailable}, {@code
 * CrawlerNotConfigured}, {@code BadUrl} (not a post or account of the platform) and the retryable
 * {@code CrawlFailed} of {@link org.sttplatform.workflows.Failures}.
 */
@ActivityInterface
public interface CrawlComponents {

  /**
   * A post's metadata, the media URL to download and the headers the download needs ({@code
   * media_url}, {@code headers}; {@code source} for {@code fetch}'s re-crawl of an expired URL).
   */
  @ActivityMethod(name = BuiltInComponents.CRAWL_ACTIVITY)
  Map<String, Object> crawl(CrawlInput input);

  /** An account's recent posts, newest first, at most {@code limit}. */
  @ActivityMethod(name = BuiltInComponents.CRAWL_ACCOUNT_ACTIVITY)
  Map<String, Object> crawlAccount(CrawlAccountInput input);
}
