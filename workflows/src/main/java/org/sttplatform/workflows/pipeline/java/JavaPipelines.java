package org.sttplatform.workflows.pipeline.java;

import static org.sttplatform.workflows.pipeline.component.BuiltInComponents.EXTRACT_AUDIO;
import static org.sttplatform.workflows.pipeline.component.BuiltInComponents.FETCH;
import static org.sttplatform.workflows.pipeline.component.BuiltInComponents.PROBE;
import static org.sttplatform.workflows.pipeline.component.BuiltInComponents.TRANSCRIBE;

import org.sttplatform.workflows.pipeline.definition.InputSpec;
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
        .description(
            "Downloads a URL, checks it has audio, extracts 16 kHz mono audio and transcribes it"
                + " with whisper.cpp")
        .input("url", new InputSpec("string", null, "http or https URL of the media"))
        .input(
            "language",
            new InputSpec("string", null, "language code such as en; detected if absent", false))
        .input(
            "model",
            new InputSpec(
                "string", null, "model name; the transcription worker's default if absent", false))
        .input("word_timestamps", new InputSpec("boolean", false, "word-level timings"))
        .input(
            "options",
            new InputSpec(
                "object",
                null,
                "any other decode option by its tasks/create name, e.g. {\"temperature\": [0.0]}",
                false))
        .step("fetch", FETCH)
        .param("url", "${inputs.url}")
        .add()
        .step("probe", PROBE)
        .param("media", "${steps.fetch.output.media}")
        .add()
        .step("extract_audio", EXTRACT_AUDIO)
        .param("media", "${steps.fetch.output.media}")
        .dependsOn("probe")
        .add()
        .step("transcribe", TRANSCRIBE)
        .param("audio", "${steps.extract_audio.output.audio}")
        .param("language", "${inputs.language}")
        .param("model", "${inputs.model}")
        .param("word_timestamps", "${inputs.word_timestamps}")
        .param("options", "${inputs.options}")
        .add()
        .output("text", "${steps.transcribe.output.text}")
        .output("language", "${steps.transcribe.output.language}")
        .output("segments", "${steps.transcribe.output.segments}")
        .output("duration_seconds", "${steps.probe.output.duration_seconds}")
        .build();
  }
}
