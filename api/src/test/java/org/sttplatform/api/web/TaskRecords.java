package org.sttplatform.api.web;

import java.time.Instant;
import java.util.List;
import org.sttplatform.api.store.TaskPriority;
import org.sttplatform.api.store.TaskRecord;
import org.sttplatform.api.store.TaskStatus;
import org.sttplatform.api.store.TaskType;
import org.sttplatform.workflows.model.DecodeOptions;
import org.sttplatform.workflows.model.Transcript;

/** Task rows in any state, for setting up the in-memory store. */
final class TaskRecords {
  private TaskRecords() {}

  static final Transcript TRANSCRIPT =
      new Transcript(
          "你好 世界",
          "zh",
          0.97,
          3.2,
          "whisper.cpp",
          "base",
          0.8,
          List.of(
              new Transcript.Segment(
                  1,
                  0.0,
                  1.6,
                  "你好",
                  List.of(50364, 2131),
                  -0.21,
                  1.1,
                  0.01,
                  List.of(new Transcript.Word(0.0, 1.6, "你好", 0.93))),
              new Transcript.Segment(2, 1.6, 3.2, "世界", List.of(3002), -0.3, 1.0, 0.02, null)));

  static final Transcript TRANSCRIPT_WITHOUT_WORDS =
      new Transcript(
          "Hello",
          "en",
          0.9,
          1.0,
          "whisper.cpp",
          "base",
          0.1,
          List.of(new Transcript.Segment(1, 0.0, 1.0, " Hello", List.of(), -0.2, 1.0, 0.01, null)));

  static TaskRecord task(long id, TaskStatus status, Instant createdAt) {
    return task(id, status, TaskPriority.NORMAL, createdAt, null, null);
  }

  static TaskRecord task(
      long id,
      TaskStatus status,
      TaskPriority priority,
      Instant createdAt,
      Transcript result,
      String error) {
    String stage =
        switch (status) {
          case QUEUED -> "queued";
          case PROCESSING -> "transcribing";
          case COMPLETED -> "completed";
          case FAILED -> "failed";
        };
    double progress =
        switch (status) {
          case QUEUED -> 0.0;
          case PROCESSING -> 0.4;
          case COMPLETED -> 1.0;
          case FAILED -> 0.2;
        };
    boolean done = status == TaskStatus.COMPLETED || status == TaskStatus.FAILED;
    return new TaskRecord(
        id,
        status,
        stage,
        progress,
        TaskType.TRANSCRIBE,
        priority,
        "whisper.cpp",
        "base",
        "",
        "",
        null,
        null,
        null,
        0,
        null,
        createdAt,
        createdAt,
        status == TaskStatus.QUEUED ? null : createdAt.plusSeconds(1),
        done ? createdAt.plusSeconds(5) : null,
        done ? 4.0 : null,
        null,
        "https://cdn.example.com/" + id + ".mp3",
        id + ".mp3",
        1234L,
        3.2,
        result == null ? null : result.language(),
        DecodeOptions.defaults(),
        result,
        error,
        null);
  }
}
