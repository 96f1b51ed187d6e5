package org.sttplatform.gpu.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.temporal.client.WorkflowOptions;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sttplatform.workflows.model.AudioRef;
import org.sttplatform.workflows.model.Transcript;
import org.sttplatform.workflows.pipeline.component.TranscribeSplit;

/**
 * How a file is split: a long file in parts on both workers, cut in the pauses and stitched as one
 * pass (each part equal to a one-pass transcription of its clip), and a file no longer than the
 * span transcribed in one pass.
 */
class LongFileSplitPartsTest extends AbstractLongFileSplitTest {

  @Test
  void aLongFileIsTranscribedInPartsOnBothWorkersAndStitchedAsOnePass() throws Exception {
    Map<String, Object> result = split(input("long", null), SPAN);

    @SuppressWarnings("unchecked")
    Map<String, Object> output = (Map<String, Object>) result.get("output");
    Transcript stitched = transcript("long", TranscriptionActivitiesImpl.TRANSCRIPT_FILE);
    List<TranscribeSplit.Part> parts =
        env.getWorkflowClient()
            .newWorkflowStub(
                Plan.class, WorkflowOptions.newBuilder().setTaskQueue(WORKFLOWS).build())
            .plan(
                new TranscribeSplit.PlanInput(new AudioRef("long/audio.wav", speechSeconds), SPAN))
            .parts();

    // More than one part ran, on both workers, each once.
    assertThat(speechSeconds).isBetween(55.0, 100.0);
    assertThat(parts).hasSizeGreaterThan(2);
    assertThat(byWorker.get("a").get()).isPositive();
    assertThat(byWorker.get("b").get()).isPositive();
    assertThat(byClip).hasSize(parts.size());
    // The cuts are in the 1.5 s pauses between sentences, never inside one.
    for (TranscribeSplit.Part p : parts.subList(1, parts.size())) {
      for (double[] sound : sounds) {
        assertThat(p.start() > sound[0] + 0.05 && p.start() < sound[1] - 0.05)
            .as("cut at %s s inside the sentence from %s to %s s", p.start(), sound[0], sound[1])
            .isFalse();
      }
    }

    // The output has a one-pass output's shape, and names the stitched transcript.
    assertThat(output).containsEntry("task_id", 7).containsEntry("language", "en");
    assertThat(output.get("segment_count")).isEqualTo(stitched.segments().size());
    assertThat(((List<?>) output.get("segments"))).hasSize(stitched.segments().size());
    assertThat(output.get("text")).isEqualTo(stitched.text());
    assertThat((Map<String, Object>) output.get("transcript"))
        .containsEntry("key", "long/" + TranscriptionActivitiesImpl.TRANSCRIPT_FILE);
    assertThat(stitched.duration()).isCloseTo(speechSeconds, within(0.01));

    // Ids in order, times continuous on the file's timeline, words kept.
    assertThat(stitched.segments()).isNotEmpty();
    double last = 0;
    for (int i = 0; i < stitched.segments().size(); i++) {
      Transcript.Segment s = stitched.segments().get(i);
      assertThat(s.id()).isEqualTo(i + 1);
      assertThat(s.start()).isGreaterThanOrEqualTo(last - 1e-6);
      assertThat(s.end())
          .isGreaterThanOrEqualTo(s.start())
          .isLessThanOrEqualTo(speechSeconds + 0.01);
      assertThat(s.words()).isNotNull();
      last = s.start();
    }

    // Each part's segments are a one-pass transcription of that clip, in the stitched transcript.
    List<Transcript.Segment> fromParts = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      TranscribeSplit.Part p = parts.get(i);
      Transcript part = transcript("long", TranscribeSplitImpl.partFile(i + 1));
      split(input("clip-" + i, List.of(p.start(), p.end())), 0);
      Transcript onePass = transcript("clip-" + i, TranscriptionActivitiesImpl.TRANSCRIPT_FILE);
      assertThat(strip(part.segments())).isEqualTo(strip(onePass.segments()));
      for (Transcript.Segment s : part.segments()) {
        assertThat(s.start()).isGreaterThanOrEqualTo(p.start() - 1e-6);
        assertThat(s.end()).isLessThanOrEqualTo(p.end() + 1e-6);
      }
      fromParts.addAll(part.segments());
    }
    assertThat(strip(stitched.segments())).isEqualTo(strip(fromParts));
    assertThat(stitched.text())
        .isEqualTo(
            String.join("", fromParts.stream().map(Transcript.Segment::text).toList())
                .replaceAll("\\s+", " ")
                .strip());

    // Progress: the finished parts' share of the audio, up to all of it.
    @SuppressWarnings("unchecked")
    List<Double> progress = (List<Double>) result.get("progress");
    assertThat(progress).hasSize(parts.size() + 1).startsWith(0.0).isSorted();
    assertThat(progress.get(progress.size() - 1)).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void audioNoLongerThanTheSpanIsOnePass() throws Exception {
    split(input("short", null), speechSeconds + 1);

    assertThat(byClip).containsOnlyKeys(0.0);
    assertThat(Files.exists(dir.resolve("short").resolve(TranscribeSplitImpl.partFile(1))))
        .isFalse();
  }
}
