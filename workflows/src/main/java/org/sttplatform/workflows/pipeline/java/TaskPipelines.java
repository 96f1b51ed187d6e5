package org.sttplatform.workflows.pipeline.java;

import static org.sttplatform.workflows.pipeline.component.BuiltInComponents.EXTRACT_AUDIO;
import static org.sttplatform.workflows.pipeline.component.BuiltInComponents.FETCH;
import static org.sttplatform.workflows.pipeline.component.BuiltInComponents.SUBTITLES;
import static org.sttplatform.workflows.pipeline.component.BuiltInComponents.TRANSCRIBE;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
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
 * (one ffmpeg run). A task that asks for subtitle files ({@link
 * TranscriptionRequest#subtitleFormats()}) gets a {@code writing_subtitles} step after the
 * transcription, which keeps them for the task; the others' pipelines are what they were before
 * that step existed.
 *
 * <p>The pipeline is built by the API when it starts the run and travels in the run's input, so a
 * change here shapes new tasks only: a started run keeps (and replays) the pipeline it started
 * with.
 */
public final class TaskPipelines {
  /** Step ids, shown as the task's stage while they run. */
  public static final String DOWNLOADING = "downloading";

  public static final String EXTRACTING_AUDIO = "extracting_audio";
  public static final String TRANSCRIBING = "transcribing";
  public static final String WRITING_SUBTITLES = "writing_subtitles";

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
    PipelineBuilder pipeline = upload ? uploadPipeline() : urlPipeline(request.source() != null);
    if (request.wantsSubtitles()) {
      inputs.put("subtitle_formats", List.copyOf(request.subtitleFormats()));
      if (upload) {
        // Named after the media, as generate_subtitles names its downloads: an upload's key ends
        // with its (sanitized) file name; a download's name comes from the fetch step.
        inputs.put("media_name", lastSegment(request.uploadKey()));
      }
      withSubtitles(pipeline, upload);
    }
    return new PipelineRun(
        workspace(request.taskId()),
        pipeline.build(),
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
    return urlPipeline(crawled).build();
  }

  private static PipelineBuilder urlPipeline(boolean crawled) {
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
    return transcribing(pipeline);
  }

  /** extracting_audio → transcribing: the API has probed the upload. */
  public static PipelineDefinition fromUpload() {
    return uploadPipeline().build();
  }

  private static PipelineBuilder uploadPipeline() {
    PipelineBuilder pipeline =
        common("task_from_upload", "Transcribes the task's upload (probed at create)")
            .input("upload", new InputSpec("object", null, "the stored upload"))
            .step(EXTRACTING_AUDIO, EXTRACT_AUDIO)
            .param("media", "${inputs.upload}")
            .add();
    return transcribing(pipeline);
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
        // language, word_timestamps and initial_prompt come from the options: the component's
        // parameters of those names have no defaults, so they do not override them.
        .param("options", "${inputs.options}")
        // A 17-hour transcript does not fit in the run's history: it goes to the task row.
        .param("inline", false)
        .add()
        .output("task_id", "${steps." + TRANSCRIBING + ".output.task_id}");
  }

  /**
   * {@code pipeline} with a {@code writing_subtitles} step after the transcription: the formats of
   * the input {@code subtitle_formats}, kept for the task ({@code results/tasks/<id>/subtitles/}).
   * The transcript is read from the transcription's file (words included) before the run's working
   * folder is removed.
   *
   * @param upload whether the media name is the input {@code media_name} (else the download's)
   */
  private static void withSubtitles(PipelineBuilder pipeline, boolean upload) {
    pipeline.input(
        "subtitle_formats", new InputSpec("array", null, "subtitle formats to keep for the task"));
    if (upload) {
      pipeline.input("media_name", new InputSpec("string", null, "the upload's file name", false));
    }
    pipeline
        .step(WRITING_SUBTITLES, SUBTITLES)
        .param("transcript", "${steps." + TRANSCRIBING + ".output}")
        .param("formats", "${inputs.subtitle_formats}")
        .param("task_id", "${steps." + TRANSCRIBING + ".output.task_id}")
        .param(
            "name",
            upload ? "${inputs.media_name}" : "${steps." + DOWNLOADING + ".output.media.fileName}")
        .add();
  }

  private static String lastSegment(String key) {
    int slash = Math.max(key.lastIndexOf('/'), key.lastIndexOf('\\'));
    return key.substring(slash + 1);
  }

  private static Map<String, Object> json(Object value) {
    return JSON.convertValue(value, new TypeReference<LinkedHashMap<String, Object>>() {});
  }
}
