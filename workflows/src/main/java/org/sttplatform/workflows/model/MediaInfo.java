package org.sttplatform.workflows.model;

/**
 * What ffprobe says about a media file.
 *
 * @param durationSeconds duration of the container (or of the audio stream if the container has
 *     none)
 * @param formatName ffprobe's format name, e.g. {@code mov,mp4,m4a,3gp,3g2,mj2}
 * @param audioCodec codec of the first audio stream
 * @param sampleRate sample rate of the first audio stream
 * @param channels channel count of the first audio stream
 * @param sizeBytes size of the file
 */
public record MediaInfo(
    double durationSeconds,
    String formatName,
    String audioCodec,
    int sampleRate,
    int channels,
    long sizeBytes) {}
