package org.sttplatform.workflows.model;

/**
 * A task row for one transcription inside a definition run.
 *
 * @param runId the run
 * @param stepKey the step's id, with {@code #<index>} for an element of a {@code for_each}
 * @param translate whether the step translates
 * @param model the model the step asks for, or {@code null} for the worker's default
 * @param durationSeconds the audio's duration, or {@code null}
 */
public record RunTask(
    String runId, String stepKey, boolean translate, String model, Double durationSeconds) {}
