package org.sttplatform.examples.keywords;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;
import java.util.Map;

/** The {@code keywords} component's activity: one input record, one output record. */
@ActivityInterface
public interface KeywordsActivity {

  @ActivityMethod(name = KeywordsProvider.ACTIVITY)
  Output find(Input input);

  /**
   * @param segments the transcript's segments
   * @param terms words or phrases
   * @param caseSensitive whether letter case must match
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Input(
      List<Segment> segments,
      List<String> terms,
      @JsonProperty("case_sensitive") Boolean caseSensitive) {}

  /** A transcript segment as {@code transcribe} outputs it. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Segment(int id, double start, double end, String text) {}

  /**
   * @param matches every occurrence, in transcript order
   * @param counts occurrences per term, in the order the terms were given
   */
  record Output(List<Match> matches, Map<String, Integer> counts) {}

  /**
   * @param term the term as given
   * @param segmentId the segment it occurs in
   * @param start the segment's start, seconds
   * @param end the segment's end, seconds
   * @param text the segment's text
   */
  record Match(
      String term,
      @JsonProperty("segment_id") int segmentId,
      double start,
      double end,
      String text) {}
}
