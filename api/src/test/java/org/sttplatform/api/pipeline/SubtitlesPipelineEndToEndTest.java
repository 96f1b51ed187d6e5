package org.sttplatform.api.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.sttplatform.activities.subtitles.StrictSubtitleParser;

/**
 * Subtitle files on real components: the shipped {@code subtitles} definition over the API, and a
 * {@code tasks/create} task with {@code subtitle_formats}; espeak-ng speech from the media host,
 * whisper.cpp (generated model) with word timings, and subtitle files that are still there after
 * the run has removed its working folder.
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

  @Test
  void aTaskCreatedWithSubtitleFormatsListsItsFilesWithDownloadUrlsInItsResult() throws Exception {
    String url = URLEncoder.encode(speechUrl(), StandardCharsets.UTF_8);
    Reply created =
        post(
            "/api/whisper/tasks/create?file_url="
                + url
                + "&language=en&word_timestamps=true&subtitle_formats=vtt,srt",
            "");
    assertThat(created.status()).as(created.json().toString()).isEqualTo(200);
    assertThat(created.json().path("params").path("subtitle_formats").toString())
        .isEqualTo("[\"vtt\",\"srt\"]");
    long id = created.data().path("id").asLong();

    JsonNode task = awaitResult(id);

    assertThat(task.path("status").asText()).as(task.toString()).isEqualTo("completed");
    JsonNode files = task.path("subtitles");
    assertThat(files.findValuesAsText("name")).containsExactly("speech.srt", "speech.vtt");
    assertThat(files.findValuesAsText("format")).containsExactly("srt", "vtt");
    for (JsonNode file : files) {
      String download = file.path("download_url").asText();
      assertThat(download)
          .isEqualTo(
              "http://localhost:"
                  + port
                  + "/api/whisper/tasks/subtitles/download?task_id="
                  + id
                  + "&name="
                  + file.path("name").asText());
      String body = getText(download.substring(download.indexOf("/api/")));
      assertThat((long) body.getBytes(StandardCharsets.UTF_8).length)
          .isEqualTo(file.path("size").asLong());
      var cues =
          file.path("format").asText().equals("srt")
              ? StrictSubtitleParser.srt(body)
              : StrictSubtitleParser.vtt(body);
      assertThat(cues).isNotEmpty();
      // The cues are the transcript's: its words, within its time.
      String text = task.path("result").path("text").asText().replaceAll("\\s+", "");
      assertThat(text).contains(cues.get(0).text().replaceAll("\\s+", ""));
      assertThat(cues.get(cues.size() - 1).endMs())
          .isLessThanOrEqualTo(Math.round(task.path("result").path("duration").asDouble() * 1000));
    }
    // The same list as the task's subtitle listing.
    assertThat(get("/api/whisper/tasks/subtitles?task_id=" + id).data().path("files"))
        .isEqualTo(files);
  }

  @Test
  void anUploadsSubtitlesAreNamedAfterTheUpload() throws Exception {
    Reply created =
        postMultipart(
            "/api/whisper/tasks/create?subtitle_formats=txt",
            null,
            "file_upload",
            "Team call.wav",
            Files.readAllBytes(speech));
    assertThat(created.status()).as(created.json().toString()).isEqualTo(200);

    JsonNode task = awaitResult(created.data().path("id").asLong());

    assertThat(task.path("status").asText()).as(task.toString()).isEqualTo("completed");
    assertThat(task.path("subtitles").findValuesAsText("name")).containsExactly("Team call.txt");
  }

  @Test
  void anUnknownSubtitleFormatIsA400NamingTheAllowedOnes() throws Exception {
    Reply r =
        post(
            "/api/whisper/tasks/create?file_url=https://example.com/a.mp3&subtitle_formats=srt,ass",
            "");

    assertError(r, 400, "'ass' for parameter 'subtitle_formats'; allowed values: srt, vtt, txt");
  }

  /** Polls {@code tasks/result} until it answers 200, and returns the task. */
  private JsonNode awaitResult(long id) {
    AtomicReference<JsonNode> last = new AtomicReference<>();
    org.awaitility.Awaitility.await()
        .atMost(FINISH)
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () -> {
              Reply r = get("/api/whisper/tasks/result?task_id=" + id);
              last.set(r.json());
              assertThat(r.status()).as(r.json().toString()).isEqualTo(200);
            });
    return last.get().path("data");
  }
}
