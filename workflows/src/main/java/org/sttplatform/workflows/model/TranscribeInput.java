package org.sttplatform.workflows.model;

/**
 * Input of the transcription activity.
 *
 * @param taskId the task, used to name the transcript file
 * @param audio the extracted audio
 * @param translate translate into English instead of transcribing
 * @param model the whisper model name, or {@code null} for the worker default
 * @param options decode options
 */
public record TranscribeInput(
    long taskId, AudioRef audio, boolean translate, String model, DecodeOptions options) {}
