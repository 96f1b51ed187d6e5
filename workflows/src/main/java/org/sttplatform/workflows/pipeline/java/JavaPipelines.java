package org.sttplatform.workflows.pipeline.java;

import static org.sttplatform.workflows.pipeline.component.BuiltInComponents.EXTRACT_AUDIO;
import static org.sttplatform.workflows.pipeline.component.BuiltInComponents.FETCH;
import static org.sttplatform.workflows.pipeline.component.BuiltInComponents.PROBE;
import static org.sttplatform.workflows.pipeline.component.BuiltInComponents.TRANSCRIBE;

import org.sttplatform.workflows.pipeline.definition.PipelineBuilder;
import org.sttplatform.workflows.pipeline.definition.PipelineDefinition;

/**
 * Pipelines written in Java, composed from the built-in components. {@link #transcribe()} is the
 * same pipeline as {@code definitions/transcribe.json}; a test runs both and compares.
 */
public final class JavaPipelines {
  private JavaPipelines() {}

  /** fetch → probe → extract_audio → transcribe, with the transcript as outputs. */
  public static PipelineDefinition transcribe() {
    return PipelineBuilder.pipeline("transcribe", 1)
        .description("Downloads a URL, extracts its audio and transcribes it")
        .input("url", "string", null)
        .input("language", "string", null)
        .input("model", "string", null)
        .input("word_timestamps", "boolean", false)
        .step("fetch", FETCH)
        .param("url", "${inputs.url}")
        .add()
        .step("probe", PROBE)
        .param("media", "${steps.fetch.output.media}")
        .add()
        .step("extract", EXTRACT_AUDIO)
        .param("media", "${steps.fetch.output.media}")
        .dependsOn("probe")
        .add()
        .step("transcribe", TRANSCRIBE)
        .param("audio", "${steps.extract.output.audio}")
        .param("language", "${inputs.language}")
        .param("model", "${inputs.model}")
        .param("word_timestamps", "${inputs.word_timestamps}")
        .add()
        .output("text", "${steps.transcribe.output.text}")
        .output("language", "${steps.transcribe.output.language}")
        .output("duration", "${steps.probe.output.duration_seconds}")
        .output("segments", "${steps.transcribe.output.segments}")
        .build();
  }
}
