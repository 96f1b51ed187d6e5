package org.sttplatform.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sttplatform.workflows.model.DecodeOptions;

/**
 * tasks/create's {@code beam_size}, {@code best_of} and {@code patience}: stored and carried to the
 * workflow as given, echoed in {@code params} only when given, and a 400 naming the parameter for
 * anything whisper.cpp 1.7.1 cannot honour.
 */
class SearchOptionsParamsTest extends WebTestBase {

  private static final String URL = "https://cdn.example.com/a.mp4";

  @Test
  void searchOptionsReachTheWorkflowAndAreEchoed() {
    Reply r =
        postEmpty(
            "/api/whisper/tasks/create"
                + query(map("file_url", URL, "beam_size", "4", "best_of", "3", "patience", "1.0")));

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    DecodeOptions o = workflows.started.get(0).request().options();
    assertThat(o.beamSize()).isEqualTo(4);
    assertThat(o.bestOf()).isEqualTo(3);
    assertThat(o.patience()).isEqualTo(1.0);
    assertThat(r.data().get("decode_options").get("beam_size").asInt()).isEqualTo(4);
    assertThat(r.json().get("params").get("best_of").asInt()).isEqualTo(3);
  }

  @Test
  void withoutThemTheTaskDecodesAsBeforeAndNothingIsEchoed() {
    Reply r = postEmpty("/api/whisper/tasks/create" + query(map("file_url", URL, "beam_size", "")));

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(workflows.started.get(0).request().options()).isEqualTo(DecodeOptions.defaults());
    assertThat(r.json().get("params").has("beam_size")).isFalse();
    assertThat(r.data().get("decode_options").has("best_of")).isFalse();
  }

  @Test
  void beamSizeAloneKeepsTheDefaultFallbacksAndAsMultipartFields() {
    Reply r =
        postMultipart(
            "/api/whisper/tasks/create", map("file_url", URL, "beam_size", " 8 "), null, null);

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    DecodeOptions o = workflows.started.get(0).request().options();
    assertThat(o.beamSize()).isEqualTo(8);
    assertThat(o.bestOf()).isNull();
    assertThat(o.temperature()).isEqualTo(DecodeOptions.defaults().temperature());
  }

  @Test
  void whatWhisperCppCannotHonourIs400SayingWhy() {
    record Case(Map<String, String> params, String expected) {}
    List<Case> cases =
        List.of(
            new Case(map("beam_size", "9"), "'beam_size'; expected an integer from 1 to 8"),
            new Case(map("beam_size", "0"), "'beam_size'; expected an integer from 1 to 8"),
            new Case(map("beam_size", "-2"), "'beam_size'"),
            new Case(map("beam_size", "2.5"), "'beam_size'; expected an integer"),
            new Case(map("beam_size", "five"), "'beam_size'; expected an integer"),
            new Case(map("beam_size", "99999999999"), "'beam_size'; expected an integer"),
            new Case(map("best_of", "9"), "at most 8 decoders"),
            new Case(map("best_of", "x"), "'best_of'; expected an integer"),
            new Case(map("beam_size", "5", "patience", "2"), "does not implement beam-search"),
            new Case(map("beam_size", "5", "patience", "-1"), "'patience'"),
            new Case(map("beam_size", "5", "patience", "NaN"), "'patience'"),
            new Case(map("patience", "1.0"), "give 'beam_size' too"),
            new Case(
                map("beam_size", "3", "temperature", "0.4,0.6"), "applies at temperature 0 only"),
            new Case(map("best_of", "3", "temperature", "0"), "applies at temperatures above 0"));
    for (Case c : cases) {
      Map<String, String> p = map("file_url", URL);
      p.putAll(c.params());
      assertError(postEmpty("/api/whisper/tasks/create" + query(p)), 400, c.expected());
      assertError(postMultipart("/api/whisper/tasks/create", p, null, null), 400, c.expected());
    }
    assertThat(store.rows).isEmpty();
    assertThat(workflows.started).isEmpty();
  }
}
