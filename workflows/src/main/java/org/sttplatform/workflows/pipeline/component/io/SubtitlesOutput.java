package org.sttplatform.workflows.pipeline.component.io;

import java.util.List;

/**
 * Output of {@code subtitles}.
 *
 * @param files the files written, in the order of the step's {@code formats}
 */
public record SubtitlesOutput(List<File> files) {

  /**
   * One file.
   *
   * @param format {@code srt}, {@code vtt}, {@code txt}, {@code tsv} or {@code json}
   * @param name the file name, e.g. {@code meeting.srt}
   * @param size its size in bytes
   * @param reference its storage key (under {@code results/}, kept after the run)
   */
  public record File(String format, String name, long size, String reference) {}
}
