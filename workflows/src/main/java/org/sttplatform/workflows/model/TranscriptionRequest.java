package org.sttplatform.workflows.model;

/**
 * Input of the transcription workflow. Exactly one of {@code mediaUrl} and {@code uploadPath} is
 * set; media travels as a reference, never as bytes.
 *
 * @param taskId the task row this workflow drives
 * @param mediaUrl an http(s) URL to download the media from, or {@code null}
 * @param uploadPath the stored upload (a path on the shared data directory), or {@code null}
 * @param translate translate into English instead of transcribing
 * @param model the whisper model name (e.g. {@code base}) or {@code null} for the worker default
 * @param options decode options
 */
public record TranscriptionRequest(
    long taskId,
    String mediaUrl,
    String uploadPath,
    boolean translate,
    String model,
    DecodeOptions options) {}
