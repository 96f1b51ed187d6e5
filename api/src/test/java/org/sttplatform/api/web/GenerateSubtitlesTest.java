package org.sttplatform.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sttplatform.api.web.SubtitleFixtures.SPOKEN;
import static org.sttplatform.api.web.SubtitleFixtures.completed;
import static org.sttplatform.api.web.SubtitleFixtures.cues;
import static org.sttplatform.api.web.SubtitleFixtures.header;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.sttplatform.api.web.SubtitleFixtures.Parsed;
import tools.jackson.databind.JsonNode;

/**
 * {@code generate_subtitles} over HTTP: each output format's body, content type and file name
 * (named after the media), the line layout options and word highlighting.
 */
class GenerateSubtitlesTest extends WebTestBase {
  @Test
  void srtIsADownloadNamedAfterTheMedia() {
    store.put(completed(7, SPOKEN, "meeting.mp4"));

    Reply r = get("/api/whisper/generate_subtitles?task_id=7&output_format=srt");

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(header(r, "Content-Type"))
        .isEqualToIgnoringCase("application/x-subrip;charset=UTF-8");
    assertThat(header(r, "Content-Disposition")).isEqualTo("attachment; filename=\"meeting.srt\"");
    List<Parsed> cues = cues(r.body(), "", ',');
    assertThat(cues.get(0).lines()).containsExactly("Hello everyone, and welcome.");
    assertThat(cues.get(0).start()).isEqualTo(500);
    assertThat(cues.get(0).end()).isEqualTo(2500);
    // The Chinese segment (no word timings): 31 characters in 42-column lines, 2 lines a cue.
    List<String> chinese =
        cues.subList(1, cues.size()).stream().flatMap(c -> c.lines().stream()).toList();
    assertThat(String.join("", chinese)).isEqualTo(SPOKEN.segments().get(1).text());
    assertThat(chinese.get(0)).isEqualTo("今天我们讨论人工智能在医疗领域的应用前景，");
    assertThat(cues.get(cues.size() - 1).end()).isEqualTo(9000);
  }

  @Test
  void srtIsTheDefaultFormatAndAcceptDoesNotTurnItIntoJson() {
    store.put(completed(8, SPOKEN, null));

    Reply r =
        send(
            HttpRequest.newBuilder(URI.create(url("/api/whisper/generate_subtitles?task_id=8")))
                .header("Accept", "application/json")
                .GET());

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(header(r, "Content-Type")).startsWith("application/x-subrip");
    assertThat(header(r, "Content-Disposition")).isEqualTo("attachment; filename=\"task_8.srt\"");
    assertThat(cues(r.body(), "", ',')).isNotEmpty();
    Reply blank = get("/api/whisper/generate_subtitles?task_id=8&output_format=");
    assertThat(header(blank, "Content-Type")).startsWith("application/x-subrip");
    assertThat(blank.body()).isEqualTo(r.body());
  }

  @Test
  void everyFormatHasItsContentTypeAndExtension() {
    store.put(completed(9, SPOKEN, "talk.final.mp3"));
    Map<String, String> types =
        Map.of(
            "srt", "application/x-subrip",
            "vtt", "text/vtt",
            "txt", "text/plain",
            "tsv", "text/tab-separated-values",
            "json", "application/json");
    for (Map.Entry<String, String> e : types.entrySet()) {
      Reply r = get("/api/whisper/generate_subtitles?task_id=9&output_format=" + e.getKey());
      assertThat(r.status()).as(e.getKey() + ": " + r.body()).isEqualTo(200);
      assertThat(header(r, "Content-Type")).isEqualToIgnoringCase(e.getValue() + ";charset=UTF-8");
      assertThat(header(r, "Content-Disposition"))
          .isEqualTo("attachment; filename=\"talk.final." + e.getKey() + "\"");
    }
    Reply vtt =
        get(
            "/api/whisper/generate_subtitles?task_id=9&output_format=VTT&max_line_width=20&max_line_count=1");
    List<Parsed> cues = cues(vtt.body(), "WEBVTT\n\n", '.');
    assertThat(cues).allSatisfy(c -> assertThat(c.lines()).hasSize(1));
    assertThat(cues.get(0).lines()).containsExactly("Hello everyone,");

    Reply tsv = get("/api/whisper/generate_subtitles?task_id=9&output_format=tsv");
    assertThat(tsv.body().lines().toList())
        .containsExactly(
            "start\tend\ttext",
            "500\t2500\tHello everyone, and welcome.",
            "3000\t9000\t" + SPOKEN.segments().get(1).text());

    Reply txt = get("/api/whisper/generate_subtitles?task_id=9&output_format=txt");
    assertThat(txt.body())
        .isEqualTo("Hello everyone, and welcome.\n" + SPOKEN.segments().get(1).text() + "\n");

    Reply json = get("/api/whisper/generate_subtitles?task_id=9&output_format=json");
    JsonNode result = json.json();
    assertThat(result.get("text").asString()).isEqualTo(SPOKEN.text());
    assertThat(result.get("segments").get(0).get("words").get(1).get("word").asString())
        .isEqualTo(" everyone,");
  }

  @Test
  void highlightWordsGivesOneCuePerWord() {
    store.put(completed(10, SPOKEN, "a.wav"));

    Reply r =
        get("/api/whisper/generate_subtitles?task_id=10&output_format=vtt&highlight_words=true");

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    List<Parsed> cues = cues(r.body(), "WEBVTT\n\n", '.');
    assertThat(cues.subList(0, 3))
        .extracting(c -> String.join(" / ", c.lines()))
        .containsExactly(
            "<u>Hello</u> everyone, and welcome.",
            "Hello everyone, and welcome.",
            "Hello <u>everyone,</u> and welcome.");
    assertThat(cues.get(2).start()).isEqualTo(1000);
    assertThat(cues.get(2).end()).isEqualTo(1600);
  }

  @Test
  void aNonAsciiMediaNameIsSentAsFilenameStar() {
    store.put(completed(11, SPOKEN, "会议记录 第1部分.mp4"));

    Reply r = get("/api/whisper/generate_subtitles?task_id=11&output_format=vtt");

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    String cd = header(r, "Content-Disposition");
    Matcher m =
        Pattern.compile(
                "attachment; filename=\"([\\x20-\\x7e]+)\"; filename\\*=UTF-8''([A-Za-z0-9%!#$&+.^_`|~-]+)")
            .matcher(cd);
    assertThat(m.matches()).as(cd).isTrue();
    assertThat(m.group(1)).isEqualTo("____ _1__.vtt");
    assertThat(URLDecoder.decode(m.group(2), StandardCharsets.UTF_8)).isEqualTo("会议记录 第1部分.vtt");
  }
}
