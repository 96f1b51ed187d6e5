package org.sttplatform.workflows.model;

/**
 * Result of a transcription workflow that completed.
 *
 * @param taskId the task
 * @param transcript where the transcript was written
 */
public record TranscriptionOutcome(long taskId, TranscriptRef transcript) {}
