package org.sttplatform.api.web;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.sttplatform.api.store.CrawledPostRecord;
import org.sttplatform.api.store.CrawledPostStore;

/** The crawled-post table in memory, for the web tests. */
class InMemoryCrawledPostStore implements CrawledPostStore {
  final Map<Long, CrawledPostRecord> rows = new ConcurrentHashMap<>();

  @Override
  public void save(CrawledPostRecord post) {
    if (rows.putIfAbsent(post.taskId(), post) != null) {
      throw new IllegalStateException("duplicate crawled post for task " + post.taskId());
    }
  }

  @Override
  public Optional<CrawledPostRecord> find(long taskId) {
    return Optional.ofNullable(rows.get(taskId));
  }
}
