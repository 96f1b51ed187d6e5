package org.sttplatform.api.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The shipped {@code subtitles} definition over the API on real components: espeak-ng speech from
 * the media host, whisper.cpp (generated model) with word timings, and subtitle files that are
 * still there after the run has removed its working folder.
 */
class SubtitlesPipelineEndToEndTest extends PipelineAppTestBase {
  /** A whole SRT file: numbered cues, each a timing line, text lines and a blank line. */
  private static final Pattern SRT =
      Pattern.compile(
          "(?:[1-9]\\d*\\n\\d{2,}:[0-5]\\d:[0-5]\\d,\\d{3} --> \\d{2,}:[0-5]\\d:[0-5]\\d,\\d{3}\\n"
              + "(?:[^\\n]+\\n)+\\n)*");

  @Test
  void theSubtitlesDefinitionKeepsFilesNamedAfterTheMedia() throws Exception {
    String runId =
        startRun(
            "subtitles",
            "{\"inputs\": {\"url\": \""
                + speechUrl()
                + "\", \"language\": \"en\", \"formats\": [\"srt\", \"vtt\", \"json\"]}}");

    JsonNode run = awaitEnded(runId);

    assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("completed");
    assertThat(
            run.path("steps")
                .path("transcribe")
                .path("output")
                .path("transcript")
                .path("key")
                .asText())
        .startsWith("work/runs/" + runId + "/")
        .endsWith("transcript.json");
    JsonNode files = run.path("outputs").path("files");
    assertThat(files.findValuesAsText("name"))
        .containsExactly("speech.srt", "speech.vtt", "speech.json");
    Path data = DIR.resolve("data").toAbsolutePath().normalize();
    Path folder = data.resolve("results/runs/" + runId + "/subtitles");
    for (JsonNode f : files) {
      Path file = data.resolve(f.path("reference").asText());
      assertThat(file.getParent()).isEqualTo(folder);
      assertThat(Files.size(file)).isEqualTo(f.path("size").asLong());
    }
    assertThat(SRT.matcher(Files.readString(folder.resolve("speech.srt"))).matches()).isTrue();
    assertThat(Files.readString(folder.resolve("speech.vtt"))).startsWith("WEBVTT\n\n");
    JsonNode transcript = JSON.readTree(folder.resolve("speech.json").toFile());
    assertThat(transcript.path("text").asText())
        .isEqualTo(run.path("outputs").path("text").asText());
    assertThat(transcript.path("segments").size()).isPositive();
    // Word timings came from the transcript file, not the step's output (which has none).
    for (JsonNode segment : transcript.path("segments")) {
      assertThat(segment.path("words").isArray()).as(segment.toString()).isTrue();
    }
    assertThat(data.resolve("work/runs/" + runId)).doesNotExist();
  }
}
