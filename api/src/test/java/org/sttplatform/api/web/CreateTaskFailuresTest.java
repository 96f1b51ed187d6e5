package org.sttplatform.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sttplatform.api.web.CreateTaskFixtures.AUDIO;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sttplatform.api.store.TaskRecord;
import org.sttplatform.api.store.TaskStatus;

/**
 * {@code tasks/create} when the upload or the backend fails: media that is not audio, an empty file
 * or one over the size limit, a workflow service, task store or database that fails; no upload is
 * left behind, and no internals are shown.
 */
class CreateTaskFailuresTest extends WebTestBase {
  @Test
  void notMediaIs415AndTheUploadIsDeleted() {
    Reply r =
        postMultipart(
            "/api/whisper/tasks/create",
            Map.of(),
            "notes.txt",
            "NOTMEDIA text".getBytes(StandardCharsets.UTF_8));
    assertError(r, 415, "not a media file");
    assertThat(uploadDirs()).isEmpty();
    assertThat(store.rows).isEmpty();
    assertThat(inspector.inspected).hasSize(1);
    assertThat(inspector.inspected.get(0)).doesNotExist();
  }

  @Test
  void noAudioStreamIs415AndTheUploadIsDeleted() {
    Reply r =
        postMultipart(
            "/api/whisper/tasks/create",
            Map.of(),
            "silent.mp4",
            "NOAUDIO video".getBytes(StandardCharsets.UTF_8));
    assertError(r, 415, "no audio stream");
    assertThat(uploadDirs()).isEmpty();
  }

  @Test
  void emptyFileIs400() {
    Reply r = postMultipart("/api/whisper/tasks/create", Map.of(), "empty.wav", new byte[0]);
    assertError(r, 400, "empty");
    assertThat(uploadDirs()).isEmpty();
  }

  @Test
  void workflowStartFailureIs503AndTheTaskIsMarkedFailed() {
    workflows.failStart = true;
    Reply r = postMultipart("/api/whisper/tasks/create", Map.of(), "a.wav", AUDIO);

    assertError(r, 503, "workflow service is unavailable");
    assertThat(r.body()).doesNotContain("10.0.0.1");
    long id = r.detail().get("task_id").asLong();
    TaskRecord row = store.rows.get(id);
    assertThat(row.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(row.errorMessage()).contains("workflow service is unavailable");
    assertThat(uploadDirs()).isEmpty();
  }

  @Test
  void storeFailureIs500WithAGenericMessageAndNoUploadLeft() {
    store.failWith = new IllegalStateException("secret jdbc:mysql://db:3306 password=hunter2");
    Reply r = postMultipart("/api/whisper/tasks/create", Map.of(), "a.wav", AUDIO);
    assertError(r, 500, "unexpected error");
    assertThat(r.body()).doesNotContain("hunter2");
    assertThat(uploadDirs()).isEmpty();
  }

  @Test
  void databaseErrorIs503() {
    store.failWith = new org.springframework.dao.DataAccessResourceFailureException("down");
    Reply r =
        postEmpty(
            "/api/whisper/tasks/create" + query(map("file_url", "https://a.example.com/a.mp3")));
    assertError(r, 503, "Database error occurred");
  }

  @Test
  void overLimitUploadIs413NamingTheLimit() {
    byte[] big = new byte[200 * 1024];
    Reply r = postMultipart("/api/whisper/tasks/create", Map.of(), "big.wav", big);
    assertError(r, 413, "64KB");
    assertThat(r.detail().get("message").asString()).contains("STT_UPLOAD_MAX_SIZE");
    assertThat(uploadDirs()).isEmpty();
    assertThat(store.rows).isEmpty();
  }

  @Test
  void uploadFarOverTheLimitIs413() {
    byte[] big = new byte[5 * 1024 * 1024];
    Reply r = null;
    // Tomcat answers 413 and closes the connection while the client is still sending the body, so
    // the JDK client now and then loses the answer's chunked body ("chunked transfer encoding,
    // state: READING_LENGTH"): the answer is asserted on the first attempt that reads it whole.
    for (int attempt = 1; r == null; attempt++) {
      try {
        r = postMultipart("/api/whisper/tasks/create", Map.of(), "huge.wav", big);
      } catch (java.io.UncheckedIOException cut) {
        if (attempt == 3) {
          throw cut;
        }
      }
    }
    assertError(r, 413, "64KB");
  }

  @Test
  void fileJustOverTheFileLimitButWithinTheRequestAllowanceIs413() {
    byte[] big = new byte[64 * 1024 + 10];
    Reply r = postMultipart("/api/whisper/tasks/create", Map.of(), "big.wav", big);
    assertError(r, 413, "64KB");
  }
}
