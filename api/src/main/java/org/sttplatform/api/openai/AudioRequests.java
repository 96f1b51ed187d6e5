package org.sttplatform.api.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.sttplatform.activities.subtitles.SubtitleFormat;
import org.sttplatform.api.store.TaskRecord;
import org.sttplatform.api.store.TaskStatus;
import org.sttplatform.api.web.CreateTaskParams;
import org.sttplatform.api.web.TaskCreation;
import org.sttplatform.storage.FileStore;
import org.sttplatform.workflows.model.LiveSegment;
import org.sttplatform.workflows.model.Transcript;
import org.sttplatform.workflows.pipeline.java.TaskPipelines;

/**
 * Answers {@code /v1/audio/*}: checks the OpenAI parameters, creates a task through {@link
 * TaskCreation} (the code path of {@code tasks/create}: validation, upload storage and probe, row,
 * workflow start), waits for it ({@link TaskCompletion}) and writes the transcript in the asked
 * format, or as Server-Sent Events ({@link TranscriptStream}).
 */
@Service
class AudioRequests {
  /** The response header that names the task behind an answer. */
  static final String TASK_ID_HEADER = "x-stt-task-id";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final TaskCreation creation;
  private final TaskCompletion completion;
  private final ServedModelList models;
  private final FileStore files;

  AudioRequests(
      TaskCreation creation, TaskCompletion completion, ServedModelList models, FileStore files) {
    this.creation = creation;
    this.completion = completion;
    this.models = models;
    this.files = files;
  }

  void answer(AudioRequest request, HttpServletResponse response) throws IOException {
    long started = System.nanoTime();
    ResponseFormat format = ResponseFormat.parse(request.responseFormat());
    boolean[] granularity = request.granularityFlags();
    boolean words = granularity[1];
    if ((granularity[0] || words) && format != ResponseFormat.VERBOSE_JSON) {
      throw OpenAiException.invalid(
          "timestamp_granularities[]",
          "timestamp_granularities[] needs response_format verbose_json");
    }
    boolean stream = request.streamed();
    if (stream && format != ResponseFormat.JSON && format != ResponseFormat.TEXT) {
      throw OpenAiException.invalid(
          "stream", "stream=true answers with response_format json or text only");
    }
    if (!request.hasFile()) {
      throw OpenAiException.invalid(
          "file", "The 'file' part is required (the audio to transcribe)");
    }
    String model = models.forTask(request.model());

    TaskCreation.Created created =
        creation.create(
            request.file(),
            CreateTaskParams.forUpload(
                request.translate() ? "translate" : "transcribe",
                model,
                request.language(),
                request.temperature(),
                request.prompt(),
                words));
    long taskId = created.task().id();
    response.setHeader(TASK_ID_HEADER, Long.toString(taskId));

    if (stream) {
      new TranscriptStream(completion, response, liveSegments(taskId)).run(taskId, started);
      return;
    }
    TaskRecord task = completion.await(taskId, started);
    Transcript transcript = transcriptOf(task);
    response.setStatus(HttpStatus.OK.value());
    response.setContentType(format.mediaType);
    byte[] body =
        switch (format) {
          case JSON -> JSON.writeValueAsBytes(OpenAiBodies.json(transcript));
          case TEXT -> utf8(OpenAiBodies.text(transcript));
          case SRT -> OpenAiBodies.subtitles(transcript, SubtitleFormat.SRT);
          case VTT -> OpenAiBodies.subtitles(transcript, SubtitleFormat.VTT);
          case VERBOSE_JSON ->
              JSON.writeValueAsBytes(
                  OpenAiBodies.verbose(
                      transcript,
                      new OpenAiBodies.Verbose(
                          request.translate(),
                          granularity[0] || !words,
                          words,
                          firstTemperature(task))));
        };
    response.setContentLength(body.length);
    try (OutputStream out = response.getOutputStream()) {
      out.write(body);
    }
  }

  /** The live segment file the transcribe step of task {@code taskId}'s run writes. */
  private Path liveSegments(long taskId) {
    return files.localFile(LiveSegment.key(TaskPipelines.workspace(taskId), taskId));
  }

  /**
   * The transcript of an ended task.
   *
   * @throws OpenAiException 500 {@code task_failed} with the task's error message
   */
  static Transcript transcriptOf(TaskRecord task) {
    if (task.status() != TaskStatus.COMPLETED || task.result() == null) {
      throw new OpenAiException(
          HttpStatus.INTERNAL_SERVER_ERROR,
          "Task %d failed: %s"
              .formatted(
                  task.id(), task.errorMessage() == null ? "no result" : task.errorMessage()),
          null,
          "task_failed");
    }
    return task.result();
  }

  private static double firstTemperature(TaskRecord task) {
    List<Double> temperatures =
        task.decodeOptions() == null ? null : task.decodeOptions().temperature();
    return temperatures == null || temperatures.isEmpty() ? 0.0 : temperatures.get(0);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
