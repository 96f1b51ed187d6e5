package org.sttplatform.workflows.model;

/**
 * What one probe-and-extract step found and wrote.
 *
 * @param info what ffprobe says about the media (checked: format allowlist, audio stream, duration
 *     limit)
 * @param audio the extracted 16 kHz mono WAV
 */
public record ProbedAudio(MediaInfo info, AudioRef audio) {}
