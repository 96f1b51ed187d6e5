package org.sttplatform.workflows.pipeline.java;

import static org.sttplatform.workflows.pipeline.component.BuiltInComponents.EXTRACT_AUDIO;
import static org.sttplatform.workflows.pipeline.component.BuiltInComponents.FETCH;
import static org.sttplatform.workflows.pipeline.component.BuiltInComponents.TRANSCRIBE;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sttplatform.workflows.WorkflowIds;
import org.sttplatform.workflows.model.MediaRef;
import org.sttplatform.workflows.model.TranscriptionRequest;
import org.sttplatform.workflows.pipeline.definition.InputSpec;
import org.sttplatform.workflows.pipeline.definition.PipelineBuilder;
import org.sttplatform.workflows.pipeline.definition.PipelineDefinition;
import org.sttplatform.workflows.pipeline.engine.PipelineRun;

/**
 * The pipeline of a {@code POST /api/whisper/tasks/create} task, written in Java and run by the
 * same engine as every definition ({@link
 * org.sttplatform.workflows.pipeline.engine.PipelineWorkflow}), which mirrors it into the task row.
 * Its step ids are the stages the seed API shows.
 *
 * <p>Being Java, it is shaped per task: an upload was probed by the API at create, so it starts at
 * the extraction without a second probe; a URL is downloaded, then probed and extracted in one step
 * (one ffmpeg run).
 */
public final class TaskPipelines {
  /** Step ids, shown as the task's stage while they run. */
  public static final String DOWNLOADING = "downloading";

  public static final String EXTRACTING_AUDIO = "extracting_audio";
  public static final String TRANSCRIBING = "transcribing";

  private static final ObjectMapper JSON = new ObjectMapper();

  private TaskPipelines() {}

  /** The run of {@code request}'s task: its workflow id is {@link WorkflowIds#transcription}. */
  public static PipelineRun run(TranscriptionRequest request) {
    boolean upload = request.uploadKey() != null;
    Map<String, Object> inputs = new LinkedHashMap<>();
    if (upload) {
      inputs.put("upload", json(new MediaRef(request.uploadKey(), null, -1)));
    } else {
      inputs.put("file_url", request.mediaUrl());
      if (request.source() != null) {
        inputs.put("source", json(request.source()));
      }
    }
    inputs.put("task", request.translate() ? "translate" : "transcribe");
    inputs.put("model", request.model());
    inputs.put("options", request.options() == null ? null : json(request.options()));
    return new PipelineRun(
        workspace(request.taskId()),
        upload ? fromUpload() : fromUrl(request.source() != null),
        inputs,
        request.taskId(),
        request.callback());
  }

  /** The working folder key of task {@code taskId}'s run. */
  public static String workspace(long taskId) {
    return "task-" + taskId;
  }

  /** downloading → extracting_audio (with the probe) → transcribing. */
  public static PipelineDefinition fromUrl() {
    return fromUrl(false);
  }

  /**
   * As {@link #fromUrl()}; {@code crawled}: the URL is a Douyin/TikTok post's media, downloaded
   * with the headers the platform needs and crawled again once if it has expired ({@code source}).
   */
  public static PipelineDefinition fromUrl(boolean crawled) {
    PipelineBuilder builder =
        common("task_from_url", "Downloads the task's media URL and transcribes it")
            .input("file_url", new InputSpec("string", null, "http or https URL of the media"));
    if (crawled) {
      builder.input("source", new InputSpec("object", null, "the crawled post (crawl's source)"));
    }
    PipelineBuilder.Step download =
        builder.step(DOWNLOADING, FETCH).param("url", "${inputs.file_url}");
    if (crawled) {
      download.param("source", "${inputs.source}");
    }
    PipelineBuilder pipeline =
        download
            .add()
            .step(EXTRACTING_AUDIO, EXTRACT_AUDIO)
            .param("media", "${steps." + DOWNLOADING + ".output.media}")
            .param("probe", true)
            .add();
    return transcribing(pipeline).build();
  }

  /** extracting_audio → transcribing: the API has probed the upload. */
  public static PipelineDefinition fromUpload() {
    PipelineBuilder pipeline =
        common("task_from_upload", "Transcribes the task's upload (probed at create)")
            .input("upload", new InputSpec("object", null, "the stored upload"))
            .step(EXTRACTING_AUDIO, EXTRACT_AUDIO)
            .param("media", "${inputs.upload}")
            .add();
    return transcribing(pipeline).build();
  }

  private static PipelineBuilder common(String id, String description) {
    return PipelineBuilder.pipeline(id, 1)
        .description(description)
        .input("task", new InputSpec("string", "transcribe", "transcribe or translate"))
        .input("model", new InputSpec("string", null, "model name, or the worker's", false))
        .input("options", new InputSpec("object", null, "decode options", false));
  }

  private static PipelineBuilder transcribing(PipelineBuilder pipeline) {
    return pipeline
        .step(TRANSCRIBING, TRANSCRIBE)
        .param("audio", "${steps." + EXTRACTING_AUDIO + ".output.audio}")
        .param("task", "${inputs.task}")
        .param("model", "${inputs.model}")
        .param("options", "${inputs.options}")
        // The component's own parameters win over its options (and have defaults): the task's
        // options give them.
        .param("language", "${inputs.options.language}")
        .param("word_timestamps", "${inputs.options.word_timestamps}")
        .param("initial_prompt", "${inputs.options.initial_prompt}")
        // A 17-hour transcript does not fit in the run's history: it goes to the task row.
        .param("inline", false)
        .add()
        .output("task_id", "${steps." + TRANSCRIBING + ".output.task_id}");
  }

  private static Map<String, Object> json(Object value) {
    return JSON.convertValue(value, new TypeReference<LinkedHashMap<String, Object>>() {});
  }
}
