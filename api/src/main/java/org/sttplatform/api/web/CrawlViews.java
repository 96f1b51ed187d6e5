package org.sttplatform.api.web;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sttplatform.api.store.CrawledPostRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** The {@code crawl} member of a task: its crawled post, with the raw JSON parsed. */
final class CrawlViews {
  private static final Logger log = LoggerFactory.getLogger(CrawlViews.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private CrawlViews() {}

  static Map<String, Object> of(CrawledPostRecord post) {
    Map<String, Object> m = post.metadata();
    if (post.rawJson() != null) {
      try {
        m.put("raw", JSON.readTree(post.rawJson()));
      } catch (JacksonException e) {
        log.warn("Task {}: stored crawl JSON is unreadable: {}", post.taskId(), e.toString());
      }
    }
    return m;
  }
}
