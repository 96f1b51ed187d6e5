package org.sttplatform.api.web;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** What the task-creation tests upload and the task fields they expect, in the seed's order. */
final class CreateTaskFixtures {
  private CreateTaskFixtures() {}

  static final byte[] AUDIO = "RIFF....WAVEfmt fake audio".getBytes(StandardCharsets.ISO_8859_1);

  static final List<String> SEED_KEYS =
      List.of(
          "id",
          "status",
          "callback_url",
          "callback_status_code",
          "callback_message",
          "callback_time",
          "priority",
          "engine_name",
          "task_type",
          "created_at",
          "updated_at",
          "task_processing_time",
          "file_path",
          "file_url",
          "file_name",
          "file_size_bytes",
          "file_duration",
          "language",
          "platform",
          "decode_options",
          "error_message",
          "output_url",
          "result",
          "stage",
          "progress",
          "model_name",
          "started_at",
          "completed_at",
          "run_id",
          "run_step",
          "callback_attempts",
          "callback_state");
}
