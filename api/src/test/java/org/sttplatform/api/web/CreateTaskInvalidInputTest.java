package org.sttplatform.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code tasks/create} refuses what it cannot use with a 400 naming the parameter, before any task
 * exists: undecodable escapes, bad or private media URLs, and invalid option values.
 */
class CreateTaskInvalidInputTest extends WebTestBase {
  @Test
  void undecodableParametersAre400NotA500() throws Exception {
    for (String target :
        List.of(
            "/api/whisper/tasks/create?file_url=http://example.com/50%off.mp3",
            "/api/whisper/tasks/create?file_url=http://example.com/a.mp3&language=%E0",
            "/api/whisper/tasks/result?task_id=%zz")) {
      String response = rawRequest(target.contains("/result") ? "GET" : "POST", target);
      assertThat(response).as(target).startsWith("HTTP/1.1 400");
      assertThat(response).as(target).contains("could not be decoded");
    }
    assertThat(store.rows).isEmpty();
  }

  /** A request sent as raw bytes: java.net.URI refuses the malformed escapes under test. */
  private String rawRequest(String method, String target) throws java.io.IOException {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      String request =
          method
              + " "
              + target
              + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void badFileUrlsAre400() {
    for (String bad :
        List.of(
            "ftp://example.com/a.mp3", "example.com/a.mp3", "http://", "https:///a", "not a url")) {
      Reply r = postEmpty("/api/whisper/tasks/create" + query(map("file_url", bad)));
      assertError(r, 400, TaskCreation.MSG_BAD_URL);
    }
    assertThat(store.rows).isEmpty();
  }

  @Test
  void fileUrlsAtPrivateOrLocalIpLiteralsAre400() {
    for (String host :
        List.of(
            "127.0.0.1:7233", "169.254.169.254", "10.1.2.3", "100.64.0.1", "[::1]", "0.0.0.0")) {
      String bad = "http://" + host + "/latest/meta-data/";
      Reply r = postEmpty("/api/whisper/tasks/create" + query(map("file_url", bad)));
      String shown = host.replace(":7233", "");
      assertError(
          r,
          400,
          "The media URL points to a private or local network address ("
              + shown
              + "), which this server does not fetch from; an operator can allow it with"
              + " STT_FETCH_ALLOW_PRIVATE_NETWORKS=true");
    }
    assertThat(store.rows).isEmpty();
    assertThat(workflows.started).isEmpty();

    // Host names and public addresses are left to the worker's check.
    for (String ok : List.of("http://8.8.8.8/a.mp3", "http://media.internal.example/a.mp3")) {
      assertThat(postEmpty("/api/whisper/tasks/create" + query(map("file_url", ok))).status())
          .as(ok)
          .isEqualTo(200);
    }
  }

  @Test
  void invalidOptionsAre400NamingTheParameter() {
    record Case(String name, String value, String expected) {}
    List<Case> cases =
        List.of(
            new Case(
                "task_type", "summarize", "'task_type'; allowed values: transcribe, translate"),
            new Case("priority", "urgent", "'priority'; allowed values: high, normal, low"),
            new Case("temperature", "1.5", "'temperature'"),
            new Case("temperature", "0.2,,0.4", "'temperature'"),
            new Case("temperature", "hot", "'temperature'"),
            new Case("compression_ratio_threshold", "abc", "'compression_ratio_threshold'"),
            new Case("compression_ratio_threshold", "-1", "'compression_ratio_threshold'"),
            new Case("no_speech_threshold", "1.2", "'no_speech_threshold'"),
            new Case("no_speech_threshold", "NaN", "'no_speech_threshold'"),
            new Case("condition_on_previous_text", "maybe", "allowed values: true, false"),
            new Case("word_timestamps", "2", "'word_timestamps'; allowed values: true, false"),
            new Case("language", "english", "'language'"),
            new Case("language", "z1", "'language'"),
            new Case("language", "xx", "Unknown language 'xx'"),
            new Case("clip_timestamps", "10,5", "non-decreasing"),
            new Case("clip_timestamps", "-1", "'clip_timestamps'"),
            new Case("clip_timestamps", "a,b", "'clip_timestamps'"),
            new Case("hallucination_silence_threshold", "0", "'hallucination_silence_threshold'"),
            new Case("hallucination_silence_threshold", "x", "'hallucination_silence_threshold'"),
            new Case("vad_filter", "sometimes", "'vad_filter'; allowed values: true, false"),
            new Case("vad_threshold", "1.5", "'vad_threshold'"),
            new Case("vad_neg_threshold", "-0.1", "'vad_neg_threshold'"),
            new Case("vad_min_speech_duration_ms", "12.5", "whole milliseconds"),
            new Case("vad_min_silence_duration_ms", "-1", "'vad_min_silence_duration_ms'"),
            new Case("vad_speech_pad_ms", "3600001", "'vad_speech_pad_ms'"),
            new Case("vad_max_speech_duration_s", "0", "'vad_max_speech_duration_s'"),
            new Case("callback_url", "mailto:someone@example.com", "callback URL"),
            new Case("model", "../../etc/passwd", "'model'"),
            new Case("platform", "p".repeat(51), "'platform'"),
            new Case(
                "initial_prompt",
                "w".repeat(DecodeOptionsParser.MAX_PROMPT_LENGTH + 1),
                "'initial_prompt' parameter must be at most"),
            new Case("append_punctuations", ".".repeat(65), "'append_punctuations'"));
    for (Case c : cases) {
      Map<String, String> p = map("file_url", "https://cdn.example.com/a.mp4", c.name(), c.value());
      Reply viaQuery = postEmpty("/api/whisper/tasks/create" + query(p));
      assertError(viaQuery, 400, c.expected());
      Reply viaForm = postMultipart("/api/whisper/tasks/create", p, null, null);
      assertError(viaForm, 400, c.expected());
    }
    assertThat(store.rows).isEmpty();
    assertThat(workflows.started).isEmpty();
  }
}
