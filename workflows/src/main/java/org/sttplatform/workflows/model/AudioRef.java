package org.sttplatform.workflows.model;

/**
 * 16 kHz mono 16-bit PCM WAV extracted from the media, ready for whisper.cpp.
 *
 * @param key its storage key in the file store (the transcript is written beside it)
 * @param durationSeconds duration of the audio
 */
public record AudioRef(String key, double durationSeconds) {}
