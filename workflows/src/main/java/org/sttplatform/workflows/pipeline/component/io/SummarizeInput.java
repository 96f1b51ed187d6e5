package org.sttplatform.workflows.pipeline.component.io;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Input of {@code summarize}: a transcript or a text (the transcript wins when both are given).
 * There is deliberately no API key parameter: step parameters are stored in the run's history and
 * shown by the runs API, so the key comes from the worker's settings only.
 *
 * @param transcript a {@code transcribe} output; its segments are where long texts are split
 * @param text plain text, used when there is no transcript
 * @param prompt the instruction, or {@code null} for the default one
 * @param model the LLM model, or {@code null} for the worker's default
 * @param outputLanguage the language the summary is written in, or {@code null} for English
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SummarizeInput(
    TranscribeOutput transcript,
    String text,
    String prompt,
    String model,
    @JsonProperty("output_language") String outputLanguage) {}
