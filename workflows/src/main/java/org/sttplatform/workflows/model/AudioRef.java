package org.sttplatform.workflows.model;

/**
 * 16 kHz mono 16-bit PCM WAV extracted from the media, ready for whisper.cpp.
 *
 * @param path absolute path of the WAV file on the shared data directory
 * @param durationSeconds duration of the audio
 */
public record AudioRef(String path, double durationSeconds) {}
