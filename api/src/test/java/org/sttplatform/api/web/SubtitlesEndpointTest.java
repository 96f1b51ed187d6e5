package org.sttplatform.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sttplatform.api.web.SubtitleFixtures.SPOKEN;
import static org.sttplatform.api.web.SubtitleFixtures.completed;
import static org.sttplatform.api.web.SubtitleFixtures.cues;
import static org.sttplatform.api.web.SubtitleFixtures.header;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sttplatform.activities.DataLayout;
import org.sttplatform.activities.subtitles.StoredSubtitles;
import org.sttplatform.activities.subtitles.SubtitleFormat;
import org.sttplatform.activities.subtitles.SubtitleOptions;
import tools.jackson.databind.JsonNode;

/**
 * The stored subtitle files over HTTP ({@code tasks/subtitles} and its download, deleted with the
 * task), and the OpenAPI description of the subtitle endpoints.
 */
class SubtitlesEndpointTest extends WebTestBase {
  @Test
  void storedSubtitleFilesAreListedDownloadedAndDeletedWithTheTask() throws Exception {
    store.put(completed(30, SPOKEN, "meeting.mp4"));
    Path results = new DataLayout(DATA_DIR).taskResultsDir(30);
    List<StoredSubtitles.StoredFile> written =
        StoredSubtitles.write(
            SPOKEN,
            List.of(SubtitleFormat.SRT, SubtitleFormat.VTT),
            SubtitleOptions.defaults(),
            results,
            "会议 1");

    Reply listed = get("/api/whisper/tasks/subtitles?task_id=30");
    assertThat(listed.status()).as(listed.body()).isEqualTo(200);
    JsonNode files = listed.data().get("files");
    assertThat(files.size()).isEqualTo(2);
    assertThat(files.get(0).get("name").asString()).isEqualTo("会议 1.srt");
    assertThat(files.get(0).get("format").asString()).isEqualTo("srt");
    assertThat(files.get(0).get("size").asLong()).isEqualTo(written.get(0).size());
    String downloadUrl = files.get(1).get("download_url").asString();
    assertThat(downloadUrl)
        .isEqualTo(
            url(
                "/api/whisper/tasks/subtitles/download?task_id=30&name=%E4%BC%9A%E8%AE%AE%201.vtt"));

    Reply file = send(HttpRequest.newBuilder(URI.create(downloadUrl)).GET());
    assertThat(file.status()).isEqualTo(200);
    assertThat(header(file, "Content-Type")).isEqualToIgnoringCase("text/vtt;charset=UTF-8");
    assertThat(file.body()).isEqualTo(Files.readString(written.get(1).path()));
    cues(file.body(), "WEBVTT\n\n", '.');

    assertError(get("/api/whisper/tasks/subtitles/download?task_id=30&name=x.srt"), 404, "x.srt");
    assertError(
        get("/api/whisper/tasks/subtitles/download?task_id=30&name=..%2F..%2Fsqlite.db"),
        404,
        "no stored");
    assertError(get("/api/whisper/tasks/subtitles?task_id=31"), 404, TaskResults.MSG_NOT_FOUND);

    store.put(completed(32, SPOKEN, "none.mp4"));
    Reply none = get("/api/whisper/tasks/subtitles?task_id=32");
    assertThat(none.data().get("files").size()).isZero();

    assertThat(delete("/api/whisper/tasks/delete?task_id=30").status()).isEqualTo(200);
    assertThat(results).doesNotExist();
  }

  @Test
  void theEndpointsAreDocumentedInChineseAndEnglish() {
    JsonNode paths = get("/openapi.json").json().get("paths");
    for (String path :
        List.of(
            "/api/whisper/generate_subtitles",
            "/api/whisper/tasks/subtitles",
            "/api/whisper/tasks/subtitles/download")) {
      JsonNode op = paths.get(path).get("get");
      assertThat(op.get("tags").get(0).asString()).isEqualTo("Whisper-Tasks");
      assertThat(op.get("summary").asString())
          .as(path)
          .containsPattern("\\p{IsHan}")
          .contains(" / ");
      for (JsonNode p : op.get("parameters")) {
        assertThat(p.get("description").asString())
            .as(path + " " + p.get("name").asString())
            .containsPattern("\\p{IsHan}")
            .contains(" / ");
      }
    }
    JsonNode generate = paths.get("/api/whisper/generate_subtitles").get("get");
    List<String> names = new ArrayList<>();
    generate.get("parameters").forEach(p -> names.add(p.get("name").asString()));
    assertThat(names)
        .containsExactly(
            "task_id",
            "output_format",
            "max_line_width",
            "max_line_count",
            "max_cue_duration",
            "highlight_words");
    assertThat(generate.get("responses").get("200").get("content").propertyNames())
        .contains("application/x-subrip", "text/vtt", "text/tab-separated-values");
    assertThat(generate.get("responses").get("409")).isNotNull();
  }
}
