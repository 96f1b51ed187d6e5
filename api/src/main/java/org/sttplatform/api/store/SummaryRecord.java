package org.sttplatform.api.store;

import java.time.Instant;

/**
 * One stored summary of a task's transcript (table {@code task_summaries}).
 *
 * @param id summary id
 * @param taskId the task summarised
 * @param summary the text
 * @param model the model that wrote it, as the LLM server named it
 * @param prompt the instruction it answered
 * @param outputLanguage the language asked for
 * @param chunks how many pieces the transcript was summarised in (1: at once)
 * @param createdAt when it was stored
 */
public record SummaryRecord(
    long id,
    long taskId,
    String summary,
    String model,
    String prompt,
    String outputLanguage,
    int chunks,
    Instant createdAt) {}
