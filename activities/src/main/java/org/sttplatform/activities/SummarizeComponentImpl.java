package org.sttplatform.activities;

import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import org.sttplatform.activities.llm.CallGuard;
import org.sttplatform.activities.llm.LlmClient;
import org.sttplatform.activities.llm.LlmException;
import org.sttplatform.activities.llm.LlmSettings;
import org.sttplatform.activities.llm.Summarizer;
import org.sttplatform.activities.llm.TextPieces;
import org.sttplatform.workflows.Failures;
import org.sttplatform.workflows.pipeline.component.SummarizeComponent;
import org.sttplatform.workflows.pipeline.component.io.SummarizeInput;
import org.sttplatform.workflows.pipeline.component.io.SummarizeOutput;
import org.sttplatform.workflows.pipeline.component.io.TranscribeOutput;

/**
 * The {@code summarize} component on the CPU worker: {@link Summarizer} with the worker's {@link
 * LlmSettings} (the key is never a step parameter). It heartbeats while the server answers, and a
 * cancelled activity or a stopping worker cancels the request in flight.
 */
public final class SummarizeComponentImpl implements SummarizeComponent {
  private final LlmSettings settings;
  private final CpuWorkerSettings worker;
  private final HandBack handBack;

  /**
   * @param media the worker's media activities, whose graceful stop this shares
   */
  public SummarizeComponentImpl(LlmSettings settings, MediaActivitiesImpl media) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.worker = media.settings();
    this.handBack = media.handBackSignal();
  }

  @Override
  public SummarizeOutput summarize(SummarizeInput input) {
    Heartbeater heartbeat = Heartbeater.current(worker.heartbeatInterval(), handBack);
    CallGuard guard = new ActivityGuard(heartbeat);
    // One client per summary: its threads end with it, and the minutes a summary takes dwarf the
    // milliseconds of building it.
    try (LlmClient client = new LlmClient(settings)) {
      Summarizer.Result result =
          new Summarizer(client)
              .summarize(
                  new Summarizer.Request(
                      parts(input), input.prompt(), input.model(), input.outputLanguage(), null),
                  guard);
      return new SummarizeOutput(result.summary(), result.model(), result.chunks());
    } catch (LlmException e) {
      throw e.retryable()
          ? ApplicationFailure.newFailure(e.getMessage(), Failures.LLM_FAILED)
          : ApplicationFailure.newNonRetryableFailure(e.getMessage(), Failures.LLM_REJECTED);
    }
  }

  /**
   * The transcript's segment texts (the boundaries long texts are cut on), else its text's or the
   * {@code text} parameter's sentences.
   */
  static List<String> parts(SummarizeInput input) {
    TranscribeOutput transcript = input.transcript();
    if (transcript != null && transcript.segments() != null && !transcript.segments().isEmpty()) {
      List<String> parts = new ArrayList<>(transcript.segments().size());
      for (TranscribeOutput.Segment segment : transcript.segments()) {
        if (segment.text() != null) {
          parts.add(segment.text());
        }
      }
      return parts;
    }
    String text =
        transcript != null && transcript.text() != null ? transcript.text() : input.text();
    return text == null ? List.of() : TextPieces.sentences(text);
  }

  /** Heartbeats before each request and while it runs; a stop cancels it. */
  private static final class ActivityGuard implements CallGuard {
    private final Heartbeater heartbeat;
    private int requests;

    ActivityGuard(Heartbeater heartbeat) {
      this.heartbeat = heartbeat;
    }

    @Override
    public <T> T await(CompletableFuture<T> request) {
      requests++;
      heartbeat.maybeBeat(Map.of("llm_requests", requests));
      try (Heartbeater.KeepAlive alive = heartbeat.keepAlive(() -> request.cancel(true))) {
        return CallGuard.join(request);
      } catch (CancellationException e) {
        heartbeat.throwIfStopped();
        throw e;
      }
    }
  }
}
