package org.sttplatform.activities;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.sttplatform.workflows.model.MediaRef;

/**
 * A download that succeeds: the body lands in the task's work folder, its extension from the
 * content type, its file name from the URL, the final URL of redirects or Content-Disposition.
 */
class FetchDownloadTest extends FetchTestBase {

  @Test
  void downloadsBodyWithExtensionFromContentType() throws Exception {
    byte[] body = randomBytes(300_000);
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .addHeader("Content-Type", "audio/mpeg")
            .body(new Buffer().write(body))
            .build());

    MediaRef ref = activities.fetch(TASK, server.url("/media/123?sig=secret").toString());

    assertThat(new DataLayout(dataDir).files().localFile(ref.key()))
        .isEqualTo(workDir().resolve("source.mp3"));
    assertThat(Files.readAllBytes(new DataLayout(dataDir).files().localFile(ref.key())))
        .isEqualTo(body);
    assertThat(ref.fileName()).isEqualTo("123");
    assertThat(ref.sizeBytes()).isEqualTo(body.length);
    assertThat(workDir()).isDirectoryNotContaining("glob:**.part");
    // The SDK throttles heartbeats (0.8 × heartbeat timeout): only the first one goes out here.
    assertThat(heartbeats).first().isEqualTo(0L);

    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getHeaders().get("User-Agent"))
        .isEqualTo(CpuWorkerSettings.DEFAULT_USER_AGENT);
    assertThat(request.getUrl().queryParameter("sig")).isEqualTo("secret");
  }

  @Test
  void followsRedirectsAndNamesTheFileAfterTheFinalUrl() throws Exception {
    server.enqueue(
        new MockResponse.Builder().code(302).addHeader("Location", "/files/talk.wav").build());
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .addHeader("Content-Type", "application/octet-stream")
            .body("RIFF....WAVE")
            .build());

    MediaRef ref = activities.fetch(TASK, server.url("/short/abc").toString());

    assertThat(ref.fileName()).isEqualTo("talk.wav");
    assertThat(new DataLayout(dataDir).files().localFile(ref.key()))
        .isEqualTo(workDir().resolve("source.wav"));
    assertThat(Files.readString(new DataLayout(dataDir).files().localFile(ref.key())))
        .isEqualTo("RIFF....WAVE");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void namesTheFileAfterContentDisposition() {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .addHeader("Content-Type", "video/mp4")
            .addHeader(
                "Content-Disposition",
                "attachment; filename=\"fallback.mp4\"; filename*=UTF-8''Entretien%20%C3%A9t%C3%A9.mp4")
            .body("not really mp4")
            .build());

    MediaRef ref = activities.fetch(TASK, server.url("/download?id=5").toString());

    assertThat(ref.fileName()).isEqualTo("Entretien été.mp4");
    assertThat(new DataLayout(dataDir).files().localFile(ref.key()).getFileName().toString())
        .isEqualTo("source.mp4");
  }
}
