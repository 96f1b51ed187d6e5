package org.sttplatform.activities.media;

import com.github.kokorin.jaffree.ffmpeg.FFmpegProgress;
import com.github.kokorin.jaffree.ffmpeg.ProgressListener;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * ffmpeg's {@code -progress} lines from the pipe, as Jaffree's reader gives them from its socket
 * (only the media time is read: it is all the extraction uses), until the last report or {@link
 * #close} (a blocked read on a closed channel ends).
 */
final class ProgressPipe implements Runnable, AutoCloseable {
  private final FileChannel channel;
  private final ProgressListener listener;

  ProgressPipe(FileChannel channel, ProgressListener listener) {
    this.channel = channel;
    this.listener = listener;
  }

  @Override
  public void run() {
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8))) {
      Long micros = null;
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.startsWith("out_time_us=")) {
          micros = parse(line.substring("out_time_us=".length()));
        } else if (line.startsWith("progress=")) {
          listener.onProgress(
              new FFmpegProgress(null, null, null, null, micros, null, null, null, null));
          if (line.equals("progress=end")) {
            return;
          }
        }
      }
    } catch (IOException closed) {
      // closed after ffmpeg exited
    }
  }

  private static Long parse(String value) {
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      return null; // "N/A" before the first packet
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
