package org.sttplatform.api.store;

import java.util.List;

/**
 * A page of tasks.
 *
 * @param tasks the rows
 * @param totalCount rows matching the filters
 */
public record TaskPage(List<TaskRecord> tasks, long totalCount) {}
