package org.sttplatform.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sttplatform.api.web.SubtitleFixtures.SPOKEN;
import static org.sttplatform.api.web.SubtitleFixtures.T0;
import static org.sttplatform.api.web.SubtitleFixtures.completed;
import static org.sttplatform.api.web.TaskRecords.task;

import org.junit.jupiter.api.Test;
import org.sttplatform.api.store.TaskPriority;
import org.sttplatform.api.store.TaskStatus;
import org.sttplatform.workflows.model.TaskProgress;

/**
 * {@code generate_subtitles} refusing: invalid parameters (400 naming the allowed values), an
 * unknown task (404), and a task that is not completed (409 naming its status).
 */
class GenerateSubtitlesErrorsTest extends WebTestBase {
  @Test
  void invalidParametersAre400NamingTheAllowedValues() {
    store.put(completed(12, SPOKEN, "a.wav"));
    store.put(completed(13, TaskRecords.TRANSCRIPT_WITHOUT_WORDS, "b.wav"));

    assertError(
        get("/api/whisper/generate_subtitles?task_id=12&output_format=ass"),
        400,
        "Invalid value 'ass' for parameter 'output_format'; allowed values: srt, vtt, txt, tsv, json");
    assertError(
        get("/api/whisper/generate_subtitles?task_id=12&max_line_width=0"),
        400,
        "'max_line_width'; expected an integer between 1 and 1000");
    assertError(
        get("/api/whisper/generate_subtitles?task_id=12&max_line_count=abc"),
        400,
        "'max_line_count'; expected an integer between 1 and 10");
    assertError(
        get("/api/whisper/generate_subtitles?task_id=12&max_cue_duration=-1"),
        400,
        "'max_cue_duration'");
    assertError(
        get("/api/whisper/generate_subtitles?task_id=12&highlight_words=sometimes"),
        400,
        "'highlight_words'; allowed values: true, false");
    assertError(
        get("/api/whisper/generate_subtitles?task_id=13&output_format=srt&highlight_words=true"),
        400,
        "needs word timings");
    assertError(get("/api/whisper/generate_subtitles?task_id=x1"), 400, "'task_id'");
    assertError(get("/api/whisper/generate_subtitles"), 400, "'task_id'");
  }

  @Test
  void anUnknownTaskIs404() {
    assertError(get("/api/whisper/generate_subtitles?task_id=404"), 404, TaskResults.MSG_NOT_FOUND);
  }

  @Test
  void aTaskThatIsNotCompletedIs409NamingItsStatus() {
    store.put(task(20, TaskStatus.QUEUED, T0));
    store.put(task(21, TaskStatus.PROCESSING, T0));
    store.put(task(22, TaskStatus.FAILED, TaskPriority.NORMAL, T0, null, "bad media"));

    for (Object[] c : new Object[][] {{20, "queued"}, {21, "processing"}, {22, "failed"}}) {
      Reply r = get("/api/whisper/generate_subtitles?task_id=" + c[0]);
      assertError(r, 409, "task " + c[0] + " is " + c[1]);
      assertThat(r.detail().get("status").asString()).isEqualTo(c[1]);
      assertThat(r.detail().get("task_id").asLong()).isEqualTo(((Integer) c[0]).longValue());
    }
    // As the result endpoint says: a queued row whose workflow has started is processing.
    store.put(task(23, TaskStatus.QUEUED, T0));
    workflows.progress.put(23L, new TaskProgress("downloading", 0.05));
    Reply started = get("/api/whisper/generate_subtitles?task_id=23");
    assertError(started, 409, "task 23 is processing");
    assertThat(started.detail().get("stage").asString()).isEqualTo("downloading");
    assertThat(started.detail().get("progress").asDouble()).isEqualTo(0.05);
  }
}
