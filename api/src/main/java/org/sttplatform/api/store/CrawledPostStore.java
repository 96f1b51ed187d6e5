package org.sttplatform.api.store;

import java.util.Optional;

/** The {@code crawled_posts} table: the crawled metadata of a task, removed with the task. */
public interface CrawledPostStore {

  /** Stores the row of a task (one per task). */
  void save(CrawledPostRecord post);

  /** The row of a task, if it was created from a crawled post. */
  Optional<CrawledPostRecord> find(long taskId);
}
