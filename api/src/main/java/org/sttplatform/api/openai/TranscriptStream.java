package org.sttplatform.api.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sttplatform.api.store.TaskRecord;
import org.sttplatform.workflows.model.Transcript;

/**
 * The {@code stream=true} answer: Server-Sent Events in OpenAI's streaming transcription shape, one
 * {@code transcript.text.delta} per segment and a final {@code transcript.text.done}; a failure
 * after the stream started is an {@code error} event in OpenAI's error shape. Comment lines keep
 * the connection alive while the task runs.
 *
 * <p>The segments are sent once the task has completed, from the stored transcript: the
 * transcription worker does not publish segments while it decodes yet (whisper.cpp's segments are
 * read per 5-minute piece), so a long file's deltas arrive together at the end.
 */
final class TranscriptStream {
  private static final Logger log = LoggerFactory.getLogger(TranscriptStream.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long KEEP_ALIVE_SECONDS = 15;

  private final TaskCompletion completion;
  private final HttpServletResponse response;

  TranscriptStream(TaskCompletion completion, HttpServletResponse response) {
    this.completion = completion;
    this.response = response;
  }

  void run(long taskId, long startedNanos) throws IOException {
    response.setStatus(200);
    response.setContentType("text/event-stream;charset=UTF-8");
    response.setHeader("Cache-Control", "no-cache");
    OutputStream out = response.getOutputStream();
    out.flush(); // the headers go now: the client knows the stream is open
    ScheduledExecutorService keepAlive =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "openai-sse-keepalive-" + taskId);
              t.setDaemon(true);
              return t;
            });
    keepAlive.scheduleAtFixedRate(
        () -> write(out, ": keep-alive\n\n"),
        KEEP_ALIVE_SECONDS,
        KEEP_ALIVE_SECONDS,
        TimeUnit.SECONDS);
    try {
      Transcript transcript;
      try {
        TaskRecord task = completion.await(taskId, startedNanos);
        transcript = AudioRequests.transcriptOf(task);
      } catch (OpenAiException e) {
        keepAlive.shutdownNow();
        event(out, errorEvent(e));
        return;
      }
      keepAlive.shutdownNow();
      if (transcript.segments() != null) {
        for (Transcript.Segment s : transcript.segments()) {
          if (s.text() == null || s.text().isEmpty()) {
            continue;
          }
          Map<String, Object> delta = new LinkedHashMap<>();
          delta.put("type", "transcript.text.delta");
          delta.put("delta", s.text());
          event(out, delta);
        }
      }
      Map<String, Object> done = new LinkedHashMap<>();
      done.put("type", "transcript.text.done");
      done.put("text", transcript.text() == null ? "" : transcript.text());
      event(out, done);
    } finally {
      keepAlive.shutdownNow();
    }
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
