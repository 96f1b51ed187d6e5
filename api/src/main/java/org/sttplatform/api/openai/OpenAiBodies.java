package org.sttplatform.api.openai;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sttplatform.activities.subtitles.SubtitleFormat;
import org.sttplatform.activities.subtitles.SubtitleOptions;
import org.sttplatform.activities.subtitles.SubtitleWriter;
import org.sttplatform.workflows.model.Transcript;
import org.sttplatform.workflows.model.WhisperLanguages;

/** A stored transcript in OpenAI's response shapes. */
final class OpenAiBodies {
  private OpenAiBodies() {}

  /**
   * What {@code verbose_json} carries besides the transcript.
   *
   * @param translate whether the task translated (task {@code translate}, language {@code english})
   * @param segments whether segments were asked (granularity {@code segment}, the default)
   * @param words whether words were asked (granularity {@code word})
   * @param temperature the temperature decoding started at (whisper.cpp does not report which
   *     fall-back temperature a segment ended at)
   */
  record Verbose(boolean translate, boolean segments, boolean words, double temperature) {}

  /** {@code json}: {@code {"text": …}}. */
  static Map<String, Object> json(Transcript t) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("text", text(t.text()));
    return body;
  }

  /**
   * {@code srt} or {@code vtt}: one cue per segment with text, at the segment's times, its text on
   * one line; WebVTT cues without identifiers, as OpenAI answers them. Written by the service's
   * subtitle library ({@link SubtitleWriter}), with {@link SubtitleOptions#perSegment()}.
   */
  static byte[] subtitles(Transcript t, SubtitleFormat format) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      SubtitleWriter.write(t, format, SubtitleOptions.perSegment(), out);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not throw
    }
    return out.toByteArray();
  }

  /** {@code text}: the text and a line end, as OpenAI answers it. */
  static String text(Transcript t) {
    return text(t.text()) + "\n";
  }

  private static String text(String text) {
    return text == null ? "" : text;
  }

  /**
   * {@code verbose_json}: task, language (Whisper's English name, e.g. {@code english}), duration,
   * text, then {@code segments} and/or {@code words} as asked. A segment's {@code seek} is its
   * start in 10 ms frames (whisper.cpp decodes in windows it does not report).
   */
  static Map<String, Object> verbose(Transcript t, Verbose asked) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("task", asked.translate() ? "translate" : "transcribe");
    body.put("language", languageName(t.language(), asked.translate()));
    body.put("duration", t.duration());
    body.put("text", text(t.text()));
    List<Transcript.Segment> segments = t.segments() == null ? List.of() : t.segments();
    if (asked.segments()) {
      List<Map<String, Object>> out = new ArrayList<>(segments.size());
      for (int i = 0; i < segments.size(); i++) {
        Transcript.Segment s = segments.get(i);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", i);
        m.put("seek", Math.round(s.start() * 100));
        m.put("start", s.start());
        m.put("end", s.end());
        m.put("text", text(s.text()));
        m.put("tokens", s.tokens() == null ? List.of() : s.tokens());
        m.put("temperature", asked.temperature());
        m.put("avg_logprob", s.avgLogprob());
        m.put("compression_ratio", s.compressionRatio());
        m.put("no_speech_prob", s.noSpeechProb());
        out.add(m);
      }
      body.put("segments", out);
    }
    if (asked.words()) {
      List<Map<String, Object>> words = new ArrayList<>();
      for (Transcript.Segment s : segments) {
        for (Transcript.Word w : s.words() == null ? List.<Transcript.Word>of() : s.words()) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("word", w.word() == null ? "" : w.word().strip());
          m.put("start", w.start());
          m.put("end", w.end());
          words.add(m);
        }
      }
      body.put("words", words);
    }
    return body;
  }

  /**
   * OpenAI names the language in full; a translation's is {@code english}. A transcript without a
   * language (no speech was found) is {@code unknown}, and an unknown code stays as it is.
   */
  static String languageName(String code, boolean translate) {
    if (translate) {
      return "english";
    }
    if (code == null || code.isBlank()) {
      return "unknown";
    }
    String name = WhisperLanguages.name(code);
    return name == null ? code : name;
  }
}
