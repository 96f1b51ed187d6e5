package org.sttplatform.workflows.model;

/**
 * A media file on the shared data directory.
 *
 * @param path absolute path of the file
 * @param fileName the name the user knows it by (upload name or last URL segment)
 * @param sizeBytes size of the file
 */
public record MediaRef(String path, String fileName, long sizeBytes) {}
