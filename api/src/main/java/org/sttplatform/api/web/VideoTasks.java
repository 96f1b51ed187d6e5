package org.sttplatform.api.web;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.sttplatform.activities.crawl.CrawlException;
import org.sttplatform.activities.crawl.CrawledPost;
import org.sttplatform.activities.crawl.Platform;
import org.sttplatform.activities.crawl.PostCrawler;
import org.sttplatform.api.store.CrawledPostRecord;
import org.sttplatform.api.store.CrawledPostStore;

/**
 * Creates a task from a Douyin or TikTok post link: crawls the post, creates a {@code file_url}
 * task of its media URL (with the headers the download needs and the post to crawl again if the URL
 * expires) and stores the crawled metadata with it.
 */
@Service
class VideoTasks {
  private static final Logger log = LoggerFactory.getLogger(VideoTasks.class);

  /** Longest {@code url} accepted: share text with a link inside is a few hundred characters. */
  static final int MAX_URL_LENGTH = 4096;

  private final PostCrawler crawler;
  private final TaskCreation creation;
  private final CrawledPostStore store;
  private final Clock clock;

  VideoTasks(
      PostCrawler crawler,
      TaskCreation creation,
      CrawledPostStore store,
      ObjectProvider<Clock> clock) {
    this.crawler = crawler;
    this.creation = creation;
    this.store = store;
    this.clock = clock.getIfAvailable(Clock::systemUTC);
  }

  /**
   * A created task and its crawled post.
   *
   * @param created the task and its echoed parameters
   * @param crawl the post as the result shows it
   */
  record Created(TaskCreation.Created created, Map<String, Object> crawl) {}

  /**
   * @param url the post link, or share text containing one
   * @param saveDataInDb whether to keep the platform's JSON (default {@code true})
   * @throws ApiException 400 for a missing link, a link that is not a post of {@code platform} or a
   *     bad task parameter; 404 for a private, removed or region-blocked post; 422 when the only
   *     way left needs a setting (the message names it); 502 when the platform does not answer
   *     usefully (blocked for now, a challenge page, a layout the crawler does not know)
   */
  Created create(Platform platform, String url, String saveDataInDb, CreateTaskParams params) {
    String link = Params.blankToNull(url);
    if (Params.blankToNull(params.fileUrl()) != null) {
      throw ApiException.badRequest(
          "video_task takes the "
              + platform.displayName()
              + " post link in 'url'; 'file_url' is for /api/whisper/tasks/create");
    }
    if (link == null) {
      throw ApiException.badRequest(
          "The 'url' parameter is required: a "
              + platform.displayName()
              + " post link, or share text containing one");
    }
    if (link.length() > MAX_URL_LENGTH) {
      throw ApiException.badRequest(
          "The 'url' parameter must be at most " + MAX_URL_LENGTH + " characters");
    }
    boolean keepRaw = Params.bool("save_data_in_db", saveDataInDb, true);
    DecodeOptionsParser.parse(params); // a bad option is a 400 before any request to the platform
    String label = Params.blankToNull(params.platform());

    CrawledPost post = crawl(platform, link);
    String source = crawledLink(link);
    CrawledPostRecord[] saved = new CrawledPostRecord[1];
    TaskCreation.Created created =
        creation.create(
            null,
            params.withFileUrl(post.mediaUrl(), label == null ? platform.wireName() : label),
            post.source(),
            task -> {
              saved[0] = CrawledPostRecord.of(task.id(), post, source, keepRaw, clock.instant());
              store.save(saved[0]);
            });
    Map<String, Object> echo = new LinkedHashMap<>();
    echo.put("url", source);
    echo.put("platform", label == null ? platform.wireName() : label);
    echo.put("save_data_in_db", keepRaw);
    echo.putAll(created.params());
    return new Created(new TaskCreation.Created(created.task(), echo), CrawlViews.of(saved[0]));
  }

  private CrawledPost crawl(Platform platform, String link) {
    try {
      return crawler.crawl(platform, link);
    } catch (CrawlException e) {
      HttpStatus status =
          switch (e.kind()) {
            case NOT_A_POST -> HttpStatus.BAD_REQUEST;
            case UNAVAILABLE -> HttpStatus.NOT_FOUND;
            case NOT_CONFIGURED -> HttpStatus.UNPROCESSABLE_CONTENT;
            case FAILED -> HttpStatus.BAD_GATEWAY;
          };
      log.info("{} crawl refused ({}): {}", platform.displayName(), status.value(), e.getMessage());
      throw new ApiException(status, e.getMessage());
    }
  }

  /** The link of pasted share text (what was crawled). */
  private static String crawledLink(String text) {
    String link = PostCrawler.linkIn(text);
    return link == null ? text : link;
  }
}
