package org.sttplatform.workflows.model;

/**
 * A media file in the file store (see {@code org.sttplatform.storage.FileStore}).
 *
 * @param key its storage key, e.g. {@code work/runs/r1/7f3c/source.mp4}: never a machine path
 * @param fileName the name the user knows it by (upload name or last URL segment)
 * @param sizeBytes size of the file
 */
public record MediaRef(String key, String fileName, long sizeBytes) {}
