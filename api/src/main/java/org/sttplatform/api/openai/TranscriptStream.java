package org.sttplatform.api.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sttplatform.api.store.TaskRecord;
import org.sttplatform.workflows.model.LiveSegment;
import org.sttplatform.workflows.model.Transcript;

/**
 * The {@code stream=true} answer: Server-Sent Events in OpenAI's streaming transcription shape, one
 * {@code transcript.text.delta} per segment and a final {@code transcript.text.done}; a failure
 * after the stream started is an {@code error} event in OpenAI's error shape. Comment lines keep
 * the connection alive while the task runs.
 *
 * <p>Deltas are sent while the task runs: the transcription worker appends every segment, once
 * whisper.cpp has decoded its 30 s window, to the task's live segment file ({@link LiveSegment}),
 * which this stream tails ({@link LiveSegmentTail}, every {@link #POLL_MILLIS} ms). Once the task
 * has completed, the segments not sent yet come from the stored transcript, so each segment is sent
 * exactly once, in order, with the stored transcript's text, whatever was seen of the file. The
 * file is on the shared data directory: with a transcription worker that does not share it with the
 * API (another machine without {@code STT_DATA_DIR} mounted), nothing is seen and all deltas come
 * together at the end, as for a task that is done before its first poll.
 */
final class TranscriptStream {
  private static final Logger log = LoggerFactory.getLogger(TranscriptStream.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long KEEP_ALIVE_SECONDS = 15;

  /** How often the live segment file is read while the task runs. */
  static final long POLL_MILLIS = 250;

  private final TaskCompletion completion;
  private final HttpServletResponse response;
  private final LiveSegmentTail live;
  private volatile boolean clientGone;

  /**
   * @param liveSegments the task's live segment file, or {@code null} to send the segments at the
   *     end only
   */
  TranscriptStream(TaskCompletion completion, HttpServletResponse response, Path liveSegments) {
    this.completion = completion;
    this.response = response;
    this.live = liveSegments == null ? null : new LiveSegmentTail(liveSegments);
  }

  void run(long taskId, long startedNanos) throws IOException {
    response.setStatus(200);
    response.setContentType("text/event-stream;charset=UTF-8");
    response.setHeader("Cache-Control", "no-cache");
    OutputStream out = response.getOutputStream();
    out.flush(); // the headers go now: the client knows the stream is open
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "openai-sse-" + taskId);
              t.setDaemon(true);
              return t;
            });
    timer.scheduleAtFixedRate(
        () -> write(out, ": keep-alive\n\n"),
        KEEP_ALIVE_SECONDS,
        KEEP_ALIVE_SECONDS,
        TimeUnit.SECONDS);
    if (live != null) {
      timer.scheduleWithFixedDelay(() -> sendLive(out), 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }
    try {
      Transcript transcript;
      try {
        TaskRecord task = completion.await(taskId, startedNanos);
        transcript = AudioRequests.transcriptOf(task);
      } catch (OpenAiException e) {
        stop(timer);
        event(out, errorEvent(e));
        return;
      }
      stop(timer); // no poll runs from here on: the tail's state is this thread's
      int sent = live == null ? 0 : live.lastId();
      if (transcript.segments() != null) {
        for (Transcript.Segment s : transcript.segments()) {
          if (s.id() > sent) {
            delta(out, s.text());
          }
        }
      }
      Map<String, Object> done = new LinkedHashMap<>();
      done.put("type", "transcript.text.done");
      done.put("text", transcript.text() == null ? "" : transcript.text());
      event(out, done);
    } finally {
      timer.shutdownNow();
    }
  }

  /** One poll of the live segment file: a delta per new segment. On the timer's thread. */
  private void sendLive(OutputStream out) {
    if (clientGone) {
      return;
    }
    try {
      for (LiveSegment s : live.poll()) {
        delta(out, s.text());
      }
    } catch (IOException e) {
      clientGone = true; // the client left; the task runs on
      log.debug("Live deltas not sent: {}", e.toString());
    } catch (RuntimeException e) {
      log.warn("Live deltas stopped", e); // the rest comes from the stored transcript
      clientGone = true;
    }
  }

  /** Waits for a poll that is running to end. */
  private static void stop(ScheduledExecutorService timer) {
    timer.shutdown();
    try {
      if (!timer.awaitTermination(10, TimeUnit.SECONDS)) {
        log.warn("A live segment poll did not end within 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void delta(OutputStream out, String text) throws IOException {
    if (text == null || text.isEmpty()) {
      return;
    }
    Map<String, Object> delta = new LinkedHashMap<>();
    delta.put("type", "transcript.text.delta");
    delta.put("delta", text);
    event(out, delta);
  }

  private static Map<String, Object> errorEvent(OpenAiException e) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("message", e.getMessage());
    error.put("type", OpenAiError.typeOf(e.status().value()));
    error.put("param", e.param());
    error.put("code", e.code());
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("type", "error");
    event.put("error", error);
    return event;
  }

  private void event(OutputStream out, Map<String, Object> data) throws IOException {
    String line = "data: " + JSON.writeValueAsString(data) + "\n\n";
    synchronized (out) {
      out.write(line.getBytes(StandardCharsets.UTF_8));
      out.flush();
    }
  }

  private static void write(OutputStream out, String text) {
    try {
      synchronized (out) {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    } catch (IOException e) {
      log.debug("Keep-alive not sent: {}", e.toString()); // the client left; the task runs on
    }
  }
}
