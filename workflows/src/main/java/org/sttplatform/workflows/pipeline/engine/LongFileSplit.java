package org.sttplatform.workflows.pipeline.engine;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleConsumer;
import org.slf4j.Logger;
import org.sttplatform.workflows.TaskQueues;
import org.sttplatform.workflows.model.AudioRef;
import org.sttplatform.workflows.model.TranscriptRef;
import org.sttplatform.workflows.pipeline.component.ComponentInputs;
import org.sttplatform.workflows.pipeline.component.TranscribeSplit;

/**
 * A transcription of audio longer than the split span (docs/components.md, "Long files in
 * parallel"): the parts are planned at pauses ({@link TranscribeSplit#plan}), each is transcribed
 * as its own routed transcription ({@link TranscriptionRouting}, so on as many free workers as
 * there are, and retried alone), and the parts are stitched into one transcript whose output has
 * the shape of a one-pass {@code transcribe}. Shorter audio, a span of 0, or a step with its own
 * {@code clip_timestamps} is one routed transcription as before.
 *
 * <p>Runs started before this existed replay the one routed transcription ({@link
 * #VERSION_CHANGE}); the span in effect is recorded in the run's history (a side effect), so that a
 * worker started with another {@code STT_SPLIT_SECONDS} replays it the same.
 */
public final class LongFileSplit {
  /** The {@code Workflow.getVersion} change id of the split. */
  public static final String VERSION_CHANGE = "long-file-split";

  /** The split span when the CPU workers set none ({@code STT_SPLIT_SECONDS}): 10 minutes. */
  public static final double DEFAULT_SPAN_SECONDS = 600;

  /** The shortest span allowed (besides 0, off): a part must be worth a lease. */
  public static final double MIN_SPAN_SECONDS = 10;

  /** What a part writes to its input beside the step's parameters: its 1-based number. */
  public static final String PART = "part";

  private static final Logger log = Workflow.getLogger(LongFileSplit.class);
  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private LongFileSplit() {}

  /**
   * Transcribes {@code input} in one pass or in parts.
   *
   * @param options the component's options with the step's overrides, for each routed activity
   * @param activityType the one-pass activity ({@code component.transcribe})
   * @param spanSeconds the longest audio transcribed in one pass; 0 or less: never split
   * @param progress receives the share of the audio whose part has finished (0 to 1), in parts only
   * @return the {@code transcribe} output
   */
  public static Object execute(
      ActivityOptions options,
      String activityType,
      Map<String, Object> input,
      double spanSeconds,
      DoubleConsumer progress) {
    int version = Workflow.getVersion(VERSION_CHANGE, Workflow.DEFAULT_VERSION, 1);
    if (version == Workflow.DEFAULT_VERSION) {
      return TranscriptionRouting.execute(options, activityType, input);
    }
    double span = Workflow.sideEffect(Double.class, () -> spanSeconds);
    AudioRef audio = JSON.convertValue(input.get("audio"), AudioRef.class);
    if (span <= 0 || audio == null || audio.durationSeconds() <= span || hasClips(input)) {
      return TranscriptionRouting.execute(options, activityType, input);
    }
    TranscribeSplit.SplitPlan plan =
        JSON.convertValue(
            TranscriptionRouting.execute(
                options,
                TranscribeSplit.PLAN_ACTIVITY,
                JSON.convertValue(new TranscribeSplit.PlanInput(audio, span), Map.class)),
            TranscribeSplit.SplitPlan.class);
    List<TranscribeSplit.Part> parts = plan.parts();
    if (parts.size() < 2) {
      return TranscriptionRouting.execute(options, activityType, input);
    }
    log.info(
        "Transcribing {} s of audio in {} parts of at most about {} s",
        audio.durationSeconds(),
        parts.size(),
        span);
    List<TranscriptRef> refs = transcribeParts(options, input, parts, progress);
    Object taskId = input.get(ComponentInputs.TASK_ID);
    Boolean inline = input.get("inline") instanceof Boolean b ? b : null;
    TranscribeSplit.StitchInput stitch =
        new TranscribeSplit.StitchInput(
            taskId instanceof Number n ? n.longValue() : null, audio, inline, refs);
    return Workflow.newUntypedActivityStub(stitchOptions())
        .execute(TranscribeSplit.STITCH_ACTIVITY, Object.class, stitch);
  }

  /**
   * All parts at once, each routed on its own (its retries its own); the first that fails for good
   * cancels the others and fails the step.
   */
  private static List<TranscriptRef> transcribeParts(
      ActivityOptions options,
      Map<String, Object> input,
      List<TranscribeSplit.Part> parts,
      DoubleConsumer progress) {
    double total = parts.get(parts.size() - 1).end() - parts.get(0).start();
    double[] done = {0};
    progress.accept(0);
    List<Promise<Object>> results = new ArrayList<>();
    CancellationScope scope =
        Workflow.newCancellationScope(
            () -> {
              for (int i = 0; i < parts.size(); i++) {
                TranscribeSplit.Part part = parts.get(i);
                Map<String, Object> in = partInput(input, i + 1, part);
                results.add(
                    Async.function(
                        () -> {
                          Object ref =
                              TranscriptionRouting.execute(
                                  options, TranscribeSplit.PART_ACTIVITY, in);
                          done[0] += part.seconds();
                          progress.accept(Math.min(1, done[0] / total));
                          return ref;
                        }));
              }
            });
    scope.run();
    try {
      Promise.allOf(results).get();
    } catch (ActivityFailure failure) {
      scope.cancel();
      throw failure;
    }
    List<TranscriptRef> refs = new ArrayList<>(results.size());
    for (Promise<Object> r : results) {
      refs.add(JSON.convertValue(r.get(), TranscriptRef.class));
    }
    return refs;
  }

  /** The step's input for one part: its clip, no inline text (the stitch reads the file). */
  static Map<String, Object> partInput(
      Map<String, Object> input, int number, TranscribeSplit.Part part) {
    Map<String, Object> in = new LinkedHashMap<>(input);
    Map<String, Object> options = new LinkedHashMap<>();
    if (input.get("options") instanceof Map<?, ?> given) {
      given.forEach((k, v) -> options.put(String.valueOf(k), v));
    }
    options.put("clip_timestamps", List.of(part.start(), part.end()));
    in.put("options", options);
    in.put("inline", false);
    in.put(PART, number);
    return in;
  }

  /** Whether the step names clips of its own (then it is transcribed as given, in one pass). */
  private static boolean hasClips(Map<String, Object> input) {
    return input.get("options") instanceof Map<?, ?> options
        && options.get("clip_timestamps") instanceof List<?> clips
        && !clips.isEmpty();
  }

  /**
   * The stitch reads and writes JSON files: seconds for hours of speech. It runs on the shared
   * queue, which a worker polls while it has a free slot (the parts have just freed theirs).
   */
  static ActivityOptions stitchOptions() {
    return ActivityOptions.newBuilder()
        .setTaskQueue(TaskQueues.GPU)
        .setStartToCloseTimeout(Duration.ofMinutes(5))
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(1))
                .setMaximumInterval(Duration.ofSeconds(30))
                .setMaximumAttempts(5)
                .build())
        .build();
  }
}
