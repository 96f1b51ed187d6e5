package org.sttplatform.workflows.pipeline.engine;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.sttplatform.workflows.pipeline.component.ComponentProvider;
import org.sttplatform.workflows.pipeline.component.ComponentSpec;
import org.sttplatform.workflows.pipeline.component.ParamSpec;

/**
 * A test component {@code echo} (found by {@link java.util.ServiceLoader} on the test classpath):
 * returns its {@code value}, can sleep and fail a given number of times, and records its calls.
 */
public final class EchoComponents implements ComponentProvider {
  static final String QUEUE = "pipeline-test";
  static final String ACTIVITY = "test.echo";

  /** One call: the step key, start and end (ms since the epoch, wall clock). */
  record Call(String key, long start, long end) {}

  static final List<Call> CALLS = new CopyOnWriteArrayList<>();
  static final Map<String, AtomicInteger> ATTEMPTS = new ConcurrentHashMap<>();
  static final AtomicInteger IN_FLIGHT = new AtomicInteger();
  static final AtomicInteger MAX_IN_FLIGHT = new AtomicInteger();

  static void reset() {
    CALLS.clear();
    ATTEMPTS.clear();
    IN_FLIGHT.set(0);
    MAX_IN_FLIGHT.set(0);
  }

  @Override
  public List<ComponentSpec> components() {
    return List.of(
        new ComponentSpec(
            "echo",
            "returns its value (test)",
            ComponentSpec.Kind.ACTIVITY,
            ACTIVITY,
            QUEUE,
            Map.of(
                "value", ParamSpec.required("any", "what to return"),
                "key", ParamSpec.optional("string", "echo", "names the call"),
                "sleep_ms", ParamSpec.optional("integer", 0, "how long to take"),
                "fail_times", ParamSpec.optional("integer", 0, "attempts that fail first")),
            Duration.ofSeconds(30),
            null,
            RetryOptions.newBuilder()
                .setMaximumAttempts(1)
                .setInitialInterval(Duration.ofMillis(10))
                .build(),
            1.0));
  }

  @Override
  public List<Object> activities(String taskQueue) {
    return QUEUE.equals(taskQueue) ? List.of(new EchoImpl()) : List.of();
  }

  @ActivityInterface
  public interface Echo {
    @ActivityMethod(name = ACTIVITY)
    Map<String, Object> echo(Map<String, Object> input);
  }

  static final class EchoImpl implements Echo {
    @Override
    public Map<String, Object> echo(Map<String, Object> input) {
      String key = String.valueOf(input.get("key"));
      long start = System.currentTimeMillis();
      int inFlight = IN_FLIGHT.incrementAndGet();
      MAX_IN_FLIGHT.accumulateAndGet(inFlight, Math::max);
      try {
        int attempt = ATTEMPTS.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        long sleep = ((Number) input.getOrDefault("sleep_ms", 0)).longValue();
        if (sleep > 0) {
          Thread.sleep(sleep);
        }
        if (attempt <= ((Number) input.getOrDefault("fail_times", 0)).intValue()) {
          throw ApplicationFailure.newFailure(
              "echo " + key + " failed on attempt " + attempt, "EchoFailed");
        }
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("value", input.get("value"));
        out.put("attempt", attempt);
        out.put("workspace", input.get("workspace"));
        return out;
      } catch (InterruptedException e) {
        throw Activity.wrap(e);
      } finally {
        IN_FLIGHT.decrementAndGet();
        CALLS.add(new Call(key, start, System.currentTimeMillis()));
      }
    }
  }
}
