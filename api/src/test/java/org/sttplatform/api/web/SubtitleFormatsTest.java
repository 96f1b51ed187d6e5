package org.sttplatform.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sttplatform.activities.DataLayout;
import org.sttplatform.activities.subtitles.StoredSubtitles;
import org.sttplatform.activities.subtitles.SubtitleFormat;
import org.sttplatform.activities.subtitles.SubtitleOptions;
import org.sttplatform.api.store.TaskRecord;
import org.sttplatform.workflows.model.TaskProgress;
import tools.jackson.databind.JsonNode;

/**
 * {@code subtitle_formats} at create (as a form field, a query parameter, an url-encoded field)
 * reaches the task's workflow request and its row, and a task's result lists the subtitle files
 * kept for it with their download URLs.
 */
class SubtitleFormatsTest extends WebTestBase {
  private static final byte[] AUDIO =
      "RIFF....WAVEfmt fake audio".getBytes(StandardCharsets.ISO_8859_1);

  @Test
  void formatsAsAFormFieldReachTheWorkflowAndTheRowNormalized() {
    Reply r =
        postMultipart(
            "/api/whisper/tasks/create",
            map("subtitle_formats", " SRT,vtt , srt"),
            "meeting.wav",
            AUDIO);

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("params").get("subtitle_formats").toString())
        .isEqualTo("[\"srt\",\"vtt\"]");
    assertThat(workflows.started).hasSize(1);
    assertThat(workflows.started.get(0).request().subtitleFormats()).containsExactly("srt", "vtt");
    TaskRecord row = store.find(r.data().get("id").asLong()).orElseThrow();
    assertThat(row.subtitleFormats()).containsExactly("srt", "vtt");
    // A restart rebuilds the request from the row, formats included.
    assertThat(row.transcriptionRequest().subtitleFormats()).containsExactly("srt", "vtt");
  }

  @Test
  void formatsAsAQueryParameterOfAUrlTask() {
    Reply r =
        postEmpty(
            "/api/whisper/tasks/create?file_url=https://example.com/talk.mp3"
                + "&subtitle_formats=json");

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(workflows.started.get(0).request().subtitleFormats()).containsExactly("json");
  }

  @Test
  void withoutFormatsThereAreNoneAndTheEchoHasNoSuchParameter() {
    Reply none = postEmpty("/api/whisper/tasks/create?file_url=https://example.com/a.mp3");
    Reply blank =
        postEmpty("/api/whisper/tasks/create?file_url=https://example.com/b.mp3&subtitle_formats=");

    for (Reply r : List.of(none, blank)) {
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      assertThat(r.json().get("params").has("subtitle_formats")).isFalse();
    }
    assertThat(workflows.started)
        .allSatisfy(s -> assertThat(s.request().wantsSubtitles()).isFalse());
  }

  @Test
  void anUnknownOrEmptyFormatIsA400NamingTheAllowedValuesAndCreatesNothing() {
    int uploads = uploadDirs().size();
    for (String formats : List.of("srt,ass", "srt,", "SubRip")) {
      Reply r =
          postMultipart(
              "/api/whisper/tasks/create", map("subtitle_formats", formats), "a.wav", AUDIO);

      assertError(
          r, 400, "for parameter 'subtitle_formats'; allowed values: srt, vtt, txt, tsv, json");
    }
    assertThat(workflows.started).isEmpty();
    assertThat(store.find(1)).isEmpty();
    assertThat(uploadDirs()).hasSize(uploads);
  }

  @Test
  void theResultListsTheFilesKeptForTheTaskWithDownloadUrls() throws Exception {
    store.put(SubtitleFixtures.completed(40, SubtitleFixtures.SPOKEN, "meeting.mp4"));
    Path results = new DataLayout(DATA_DIR).taskResultsDir(40);
    List<StoredSubtitles.StoredFile> written =
        StoredSubtitles.write(
            SubtitleFixtures.SPOKEN,
            List.of(SubtitleFormat.VTT, SubtitleFormat.SRT),
            SubtitleOptions.defaults(),
            results,
            "meeting");

    Reply r = get("/api/whisper/tasks/result?task_id=40");

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode files = r.data().get("subtitles");
    assertThat(files.size()).isEqualTo(2);
    JsonNode srt = files.get(0);
    assertThat(srt.propertyNames()).containsExactly("format", "name", "size", "download_url");
    assertThat(srt.get("format").asString()).isEqualTo("srt");
    assertThat(srt.get("name").asString()).isEqualTo("meeting.srt");
    assertThat(srt.get("size").asLong()).isEqualTo(written.get(1).size());
    assertThat(srt.get("download_url").asString())
        .isEqualTo(url("/api/whisper/tasks/subtitles/download?task_id=40&name=meeting.srt"));
    // The same list as tasks/subtitles gives, and each URL serves its file.
    assertThat(get("/api/whisper/tasks/subtitles?task_id=40").data().get("files")).isEqualTo(files);
    Reply download =
        send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(srt.get("download_url").asString()))
                .GET());
    assertThat(download.status()).isEqualTo(200);
    assertThat(download.body()).isEqualTo(java.nio.file.Files.readString(written.get(1).path()));
  }

  @Test
  void aTaskWithoutFilesListsNoneAndAnUnfinishedOneIsStill202() {
    store.put(SubtitleFixtures.completed(41, SubtitleFixtures.SPOKEN, "a.mp4"));
    store.put(
        TaskRecords.task(42, org.sttplatform.api.store.TaskStatus.PROCESSING, SubtitleFixtures.T0));
    workflows.progress.put(42L, new TaskProgress("writing_subtitles", 0.97));

    assertThat(get("/api/whisper/tasks/result?task_id=41").data().get("subtitles").size()).isZero();
    Reply running = get("/api/whisper/tasks/result?task_id=42");
    assertThat(running.status()).isEqualTo(202);
    assertThat(running.json().get("detail").get("stage").asString()).isEqualTo("writing_subtitles");
  }

  /** The listing of {@code tasks/query} does not read the disk: no subtitles there. */
  @Test
  void listingsLeaveSubtitlesOut() {
    store.put(SubtitleFixtures.completed(43, SubtitleFixtures.SPOKEN, "a.mp4"));

    Reply r = postJson("/api/whisper/tasks/query", "{}");

    assertThat(r.data().get("tasks").get(0).has("subtitles")).isFalse();
  }
}
