package org.sttplatform.workflows.pipeline.component.io;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import org.sttplatform.workflows.model.AudioRef;

/**
 * Input of {@code transcribe}.
 *
 * @param workspace the run's working folder key
 * @param taskId the task row the transcript goes to (the engine adds it: see {@code TaskRows})
 * @param audio the audio from {@code extract_audio}
 * @param task {@code transcribe} or {@code translate}
 * @param model model name, or {@code null} for the worker's default
 * @param language language code, or {@code null} to detect it
 * @param wordTimestamps word-level timings
 * @param initialPrompt text that primes the decoder, or {@code null}
 * @param options any other decode option by its API name (as {@code tasks/create} takes them)
 * @param inline whether the output carries the text and segments ({@code null}: yes); without them
 *     it stays small for any length, and the transcript is read from the task
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TranscribeStepInput(
    String workspace,
    @JsonProperty("task_id") Long taskId,
    AudioRef audio,
    String task,
    String model,
    String language,
    @JsonProperty("word_timestamps") Boolean wordTimestamps,
    @JsonProperty("initial_prompt") String initialPrompt,
    Map<String, Object> options,
    Boolean inline) {}
