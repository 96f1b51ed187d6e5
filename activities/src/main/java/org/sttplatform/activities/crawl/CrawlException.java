package org.sttplatform.activities.crawl;

import io.temporal.failure.ApplicationFailure;
import org.sttplatform.workflows.Failures;

/**
 * Why a post or an account could not be crawled. The message is meant for users: it says what is
 * wrong and, for {@link Kind#NOT_CONFIGURED}, which setting to make. It never contains a cookie.
 */
public final class CrawlException extends RuntimeException {

  /** The failure classes, each with its own outcome. */
  public enum Kind {
    /** The link is not a post (or account) of the platform: the user's input is at fault. */
    NOT_A_POST,
    /** Private, removed, region- or IP-blocked, age-restricted: it will not work on retry. */
    UNAVAILABLE,
    /** The only remaining way needs a setting the operator has not made (or must renew). */
    NOT_CONFIGURED,
    /** A network error, a 5xx, a challenge or WAF page, a layout we do not know: may pass. */
    FAILED
  }

  private final Kind kind;

  public CrawlException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public CrawlException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  /** The activity failure of this problem, typed with {@link Failures}. */
  public ApplicationFailure toFailure() {
    return switch (kind) {
      case NOT_A_POST ->
          ApplicationFailure.newNonRetryableFailureWithCause(getMessage(), Failures.BAD_URL, this);
      case UNAVAILABLE ->
          ApplicationFailure.newNonRetryableFailureWithCause(
              getMessage(), Failures.POST_UNAVAILABLE, this);
      case NOT_CONFIGURED ->
          ApplicationFailure.newNonRetryableFailureWithCause(
              getMessage(), Failures.CRAWLER_NOT_CONFIGURED, this);
      case FAILED ->
          ApplicationFailure.newFailureWithCause(getMessage(), Failures.CRAWL_FAILED, this);
    };
  }
}
