package org.sttplatform.workflows.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A finished transcription: the {@code result} stored for a task.
 *
 * @param text all segment texts joined
 * @param language detected (or requested) language code
 * @param languageProbability probability of that language
 * @param duration seconds of audio transcribed
 * @param engine engine name, e.g. {@code whisper.cpp}
 * @param model model name
 * @param engineSeconds wall time spent in the engine (model load excluded)
 * @param segments the segments in time order
 * @param vad what voice activity detection found, or {@code null} if it did not run (absent from
 *     the JSON then, as in transcripts written before it existed)
 */
public record Transcript(
    @JsonProperty("text") String text,
    @JsonProperty("language") String language,
    @JsonProperty("language_probability") double languageProbability,
    @JsonProperty("duration") double duration,
    @JsonProperty("engine") String engine,
    @JsonProperty("model") String model,
    @JsonProperty("engine_seconds") double engineSeconds,
    @JsonProperty("segments") List<Segment> segments,
    @JsonProperty("vad") @JsonInclude(JsonInclude.Include.NON_NULL) Vad vad) {

  /** A transcript without voice activity detection. */
  public Transcript(
      String text,
      String language,
      double languageProbability,
      double duration,
      String engine,
      String model,
      double engineSeconds,
      List<Segment> segments) {
    this(
        text,
        language,
        languageProbability,
        duration,
        engine,
        model,
        engineSeconds,
        segments,
        null);
  }

  /**
   * A transcript's {@code text}: its segments' texts joined, each run of whitespace made one space,
   * trimmed.
   */
  public static String textOf(List<Segment> segments) {
    StringBuilder text = new StringBuilder();
    for (Segment segment : segments) {
      text.append(segment.text());
    }
    return text.toString().replaceAll("\\s+", " ").strip();
  }

  /**
   * What voice activity detection found (with {@code vad_filter}, only these regions were decoded).
   *
   * @param regions speech regions in time order, padding included
   * @param speechRatio share of the audio inside the regions, 0 to 1
   * @param seconds wall time the detection took
   */
  public record Vad(
      @JsonProperty("regions") List<Region> regions,
      @JsonProperty("speech_ratio") double speechRatio,
      @JsonProperty("seconds") double seconds) {}

  /**
   * One speech region on the original audio's timeline.
   *
   * @param start start in seconds
   * @param end end in seconds
   */
  public record Region(@JsonProperty("start") double start, @JsonProperty("end") double end) {}

  /**
   * One decoded segment with the decoder's statistics.
   *
   * @param id 1-based index
   * @param start start in seconds
   * @param end end in seconds
   * @param text segment text
   * @param tokens token ids (text tokens only)
   * @param avgLogprob mean log-probability of the text tokens
   * @param compressionRatio gzip compression ratio of the text
   * @param noSpeechProb probability of the no-speech token for the segment's window
   * @param words per-word timings, or {@code null} if not requested
   */
  public record Segment(
      @JsonProperty("id") int id,
      @JsonProperty("start") double start,
      @JsonProperty("end") double end,
      @JsonProperty("text") String text,
      @JsonProperty("tokens") List<Integer> tokens,
      @JsonProperty("avg_logprob") double avgLogprob,
      @JsonProperty("compression_ratio") double compressionRatio,
      @JsonProperty("no_speech_prob") double noSpeechProb,
      @JsonProperty("words") List<Word> words) {}

  /**
   * One word with its timing.
   *
   * @param start start in seconds
   * @param end end in seconds
   * @param word the word, with merged punctuation
   * @param probability mean token probability
   */
  public record Word(
      @JsonProperty("start") double start,
      @JsonProperty("end") double end,
      @JsonProperty("word") String word,
      @JsonProperty("probability") double probability) {}
}
