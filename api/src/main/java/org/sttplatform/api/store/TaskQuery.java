package org.sttplatform.api.store;

import java.time.Instant;

/**
 * Filters for listing tasks; a {@code null} filter matches everything. Results are ordered by
 * {@code (created_at, id)}.
 *
 * @param status status filter
 * @param priority priority filter
 * @param createdAfter inclusive lower bound on creation time
 * @param createdBefore exclusive upper bound on creation time
 * @param language detected-language filter
 * @param engineName engine filter
 * @param hasResult whether a result is stored
 * @param hasError whether an error message is stored
 * @param limit page size (already capped)
 * @param offset rows to skip
 */
public record TaskQuery(
    TaskStatus status,
    TaskPriority priority,
    Instant createdAfter,
    Instant createdBefore,
    String language,
    String engineName,
    Boolean hasResult,
    Boolean hasError,
    int limit,
    int offset) {}
