package org.sttplatform.gpu.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sttplatform.workflows.pipeline.component.TranscribeSplit.Part;

class SplitPlannerTest {

  private static List<double[]> speech(double... bounds) {
    List<double[]> regions = new java.util.ArrayList<>();
    for (int i = 0; i < bounds.length; i += 2) {
      regions.add(new double[] {bounds[i], bounds[i + 1]});
    }
    return regions;
  }

  @Test
  void eachCutIsTheMiddleOfThePauseNearItsBoundary() {
    List<Part> parts =
        SplitPlanner.plan(100, 20, speech(0, 18.5, 19.5, 37, 38, 58.9, 60.1, 79, 80.2, 100));

    assertThat(parts)
        .containsExactly(
            new Part(0, 19),
            new Part(19, 37.5),
            new Part(37.5, 59.5),
            new Part(59.5, 79.6),
            new Part(79.6, 100));
  }

  @Test
  void theLongestPauseNearTheBoundaryWinsOverANearerShortOne() {
    // A 0.2 s gap at 17 s and a 3.1 s pause from 19.9 s, both within 4 s (a fifth) of 20 s.
    List<Part> parts = SplitPlanner.plan(40, 20, speech(0, 17, 17.2, 19.9, 23, 40));

    assertThat(parts).containsExactly(new Part(0, 21.45), new Part(21.45, 40));
  }

  @Test
  void aPauseFarFromTheBoundaryIsNotUsed() {
    // The only pause is 8 s before the boundary: the cut stays at 20 s.
    List<Part> parts = SplitPlanner.plan(45, 20, speech(0, 11, 13, 45));

    assertThat(parts).containsExactly(new Part(0, 20), new Part(20, 45));
  }

  @Test
  void withoutPausesTheCutsAreTheSpanBoundaries() {
    List<Part> parts = SplitPlanner.plan(100, 20, speech(0, 100));

    assertThat(parts)
        .containsExactly(
            new Part(0, 20),
            new Part(20, 40),
            new Part(40, 60),
            new Part(60, 80),
            new Part(80, 100));
  }

  @Test
  void aShortRemainderJoinsTheLastPartInsteadOfBeingAStub() {
    // 44 s at 20 s: 20 + 24, not 20 + 20 + 4.
    assertThat(SplitPlanner.plan(44, 20, speech(0, 44)))
        .containsExactly(new Part(0, 20), new Part(20, 44));
    // A pause near the end is not used if it would leave less than a quarter span after it.
    List<Part> parts = SplitPlanner.plan(46, 20, speech(0, 41, 45.5, 46));
    assertThat(parts).containsExactly(new Part(0, 20), new Part(20, 40), new Part(40, 46));
    for (Part p : parts.subList(1, parts.size())) {
      assertThat(p.seconds()).isGreaterThanOrEqualTo(5);
    }
  }

  @Test
  void audioUpToASpanAndAQuarterIsOnePart() {
    assertThat(SplitPlanner.plan(25, 20, speech(0, 25))).containsExactly(new Part(0, 25));
  }

  @Test
  void silenceAtTheStartAndTheEndCountsAsPauses() {
    assertThat(SplitPlanner.pauses(30, speech(2, 10, 12, 27)))
        .containsExactly(new double[] {0, 2}, new double[] {10, 12}, new double[] {27, 30});
    // No speech at all: every cut falls in the one pause, at its boundary.
    assertThat(SplitPlanner.plan(60, 20, List.of()))
        .containsExactly(new Part(0, 20), new Part(20, 40), new Part(40, 60));
  }

  @Test
  void theSpanMustBePositive() {
    assertThatThrownBy(() -> SplitPlanner.plan(60, 0, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** A finder over known regions that records what it was asked for. */
  private static SplitPlanner.SpeechFinder recording(List<double[]> regions, List<double[]> asked) {
    return (from, to) -> {
      asked.add(new double[] {from, to});
      List<double[]> inside = new java.util.ArrayList<>();
      for (double[] r : regions) {
        if (r[1] > from && r[0] < to) {
          inside.add(new double[] {Math.max(r[0], from), Math.min(r[1], to)});
        }
      }
      return inside;
    };
  }

  @Test
  void aGoodPauseNearTheBoundaryIsTakenWithoutSearchingFurther() throws Exception {
    // 0.8 s of pause 4 s after the 600 s boundary, and a longer one (5 s) 100 s after it.
    List<double[]> asked = new java.util.ArrayList<>();
    List<Part> parts =
        SplitPlanner.plan(1000, 600, recording(speech(0, 604, 604.8, 700, 705, 1000), asked));

    assertThat(parts).containsExactly(new Part(0, 604.4), new Part(604.4, 1000));
    assertThat(asked).containsExactly(new double[] {585, 615});
  }

  @Test
  void withoutAGoodPauseNearTheBoundaryTheSearchWidensToAFifthOfASpan() throws Exception {
    // Near 600 s only a 0.2 s gap; 2 s of pause at 650 s.
    List<double[]> asked = new java.util.ArrayList<>();
    List<Part> parts =
        SplitPlanner.plan(1000, 600, recording(speech(0, 604, 604.2, 650, 652, 1000), asked));

    assertThat(parts).containsExactly(new Part(0, 651), new Part(651, 1000));
    assertThat(asked).containsExactly(new double[] {585, 615}, new double[] {480, 720});
  }

  /**
   * An hour of random speech and pauses, span 600 s: asking only for the stretch each cut may move
   * in gives the same plan as knowing the whole file; each cut lies in a pause within 15 s of its
   * boundary and was found in 30 s of audio, 180 s in all instead of the file's 3600 s.
   */
  @Test
  void onlyTheStretchesAroundTheCutsAreSearched() throws Exception {
    java.util.Random random = new java.util.Random(7);
    List<double[]> regions = new java.util.ArrayList<>();
    for (double t = 0; t < 3600; ) {
      double end = Math.min(3600, t + 1 + random.nextDouble() * 20);
      regions.add(new double[] {t, end});
      t = end + 0.1 + random.nextDouble() * 3;
    }
    List<double[]> asked = new java.util.ArrayList<>();
    List<Part> windowed = SplitPlanner.plan(3600, 600, recording(regions, asked));

    assertThat(windowed).isEqualTo(SplitPlanner.plan(3600, 600, regions)).hasSize(6);
    assertThat(asked).hasSize(5);
    for (double[] window : asked) {
      assertThat(window[1] - window[0]).isEqualTo(30);
    }
    List<double[]> pauses = SplitPlanner.pauses(3600, regions);
    for (Part part : windowed.subList(1, windowed.size())) {
      assertThat(pauses)
          .anyMatch(
              p ->
                  p[0] < part.start()
                      && part.start() < p[1]
                      && p[1] - p[0] >= SplitPlanner.GOOD_PAUSE_SECONDS);
    }
  }
}
