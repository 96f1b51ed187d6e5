package org.sttplatform.api.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@link JdbcDefinitionStore} and {@link JdbcRunStore} contracts, run against each supported
 * database by a subclass that provides a migrated data source; every test starts from empty tables.
 */
abstract class AbstractPipelineStoreTest {
  static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");

  AbstractJdbcTaskStoreTest.MutableClock clock;
  JdbcDefinitionStore definitions;
  JdbcRunStore runs;

  abstract DataSource dataSource();

  void assumeAvailable() {}

  @BeforeEach
  void emptyTables() {
    assumeAvailable();
    JdbcClient jdbc = JdbcClient.create(dataSource());
    jdbc.sql("DELETE FROM pipeline_definitions").update();
    jdbc.sql("DELETE FROM pipeline_runs").update();
    clock = new AbstractJdbcTaskStoreTest.MutableClock(T0);
    definitions = new JdbcDefinitionStore(dataSource(), clock);
    runs = new JdbcRunStore(dataSource(), clock);
  }

  private JdbcDefinitionStore.Added add(String id, String hash) {
    return definitions.add(
        id, "about " + id, hash, "MANUAL", v -> "{\"id\":\"" + id + "\",\"version\":" + v + "}");
  }

  // --- definitions --------------------------------------------------------------------------

  @Test
  void versionsCountUpPerIdAndTheSameHashAddsNothing() {
    JdbcDefinitionStore.Added first = add("a", "h1");
    clock.advance(Duration.ofSeconds(1));
    JdbcDefinitionStore.Added same = add("a", "h1");
    JdbcDefinitionStore.Added second = add("a", "h2");
    JdbcDefinitionStore.Added other = add("b", "h1");

    assertThat(first.created()).isTrue();
    assertThat(first.definition().version()).isEqualTo(1);
    assertThat(first.definition().content()).isEqualTo("{\"id\":\"a\",\"version\":1}");
    assertThat(first.definition().createdAt()).isEqualTo(T0);
    assertThat(same.created()).isFalse();
    assertThat(same.definition()).isEqualTo(first.definition());
    assertThat(second.definition().version()).isEqualTo(2);
    assertThat(second.definition().content()).isEqualTo("{\"id\":\"a\",\"version\":2}");
    assertThat(other.definition().version()).isEqualTo(1);
    // A hash equal to an older version's (not the latest's) is a new version.
    assertThat(add("a", "h1").definition().version()).isEqualTo(3);
  }

  @Test
  void latestFindListAndDelete() {
    add("b", "h1");
    add("a", "h1");
    add("a", "h2");

    assertThat(definitions.latest("a").orElseThrow().version()).isEqualTo(2);
    assertThat(definitions.find("a", 1).orElseThrow().contentHash()).isEqualTo("h1");
    assertThat(definitions.find("a", 3)).isEmpty();
    assertThat(definitions.latest("c")).isEmpty();
    assertThat(definitions.latestOfEach())
        .extracting(DefinitionRecord::id, DefinitionRecord::version)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a", 2),
            org.assertj.core.groups.Tuple.tuple("b", 1));

    assertThat(definitions.delete("a")).isTrue();
    assertThat(definitions.delete("a")).isFalse();
    assertThat(definitions.find("a", 1)).isEmpty();
    assertThat(definitions.latestOfEach()).extracting(DefinitionRecord::id).containsExactly("b");
  }

  @Test
  void addIfAbsentSeedsVersionOneOnlyForAnUnknownId() {
    assertThat(definitions.addIfAbsent("s", "seed", "h", "MANUAL", "{}")).isTrue();
    assertThat(definitions.addIfAbsent("s", "seed", "other", "MANUAL", "{}")).isFalse();

    DefinitionRecord seeded = definitions.latest("s").orElseThrow();
    assertThat(seeded.version()).isEqualTo(1);
    assertThat(seeded.contentHash()).isEqualTo("h");
    assertThat(seeded.description()).isEqualTo("seed");
    assertThat(seeded.triggerType()).isEqualTo("MANUAL");
  }

  // --- runs ---------------------------------------------------------------------------------

  @Test
  void aRunIsCreatedRunningAndItsEndIsFinal() {
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("url", "https://example.com/a.mp3");
    inputs.put("language", null);
    inputs.put("n", 3);
    RunRecord created = runs.create("r1", "transcribe", 2, inputs);

    assertThat(created.status()).isEqualTo(RunRecord.RUNNING);
    assertThat(created.ended()).isFalse();
    assertThat(created.inputs()).containsExactlyEntriesOf(inputs);
    assertThat(created.createdAt()).isEqualTo(T0);
    assertThat(created.endedAt()).isNull();
    assertThat(created.outputs()).isNull();

    clock.advance(Duration.ofSeconds(5));
    assertThat(runs.ended("r1", RunRecord.COMPLETED, Map.of("text", "hi"), null)).isTrue();
    clock.advance(Duration.ofSeconds(5));
    assertThat(runs.ended("r1", RunRecord.CANCELLED, null, "late")).isFalse();
    assertThat(runs.ended("unknown", RunRecord.FAILED, null, "x")).isFalse();

    RunRecord ended = runs.find("r1").orElseThrow();
    assertThat(ended.status()).isEqualTo(RunRecord.COMPLETED);
    assertThat(ended.outputs()).containsEntry("text", "hi");
    assertThat(ended.error()).isNull();
    assertThat(ended.endedAt()).isEqualTo(T0.plusSeconds(5));
    assertThat(ended.updatedAt()).isEqualTo(T0.plusSeconds(5));
    assertThat(ended.definitionVersion()).isEqualTo(2);
  }

  @Test
  void aLongErrorIsCutAndRunningIsNotAnEnd() {
    runs.create("r1", "d", 1, Map.of());

    runs.ended("r1", RunRecord.FAILED, null, "x".repeat(JdbcRunStore.MAX_ERROR + 10));

    assertThat(runs.find("r1").orElseThrow().error()).hasSize(JdbcRunStore.MAX_ERROR);
    assertThatThrownBy(() -> runs.ended("r1", RunRecord.RUNNING, null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void runsAreListedByCreationTimeThenIdWithFilters() {
    runs.create("b", "d1", 1, Map.of());
    runs.create("a", "d2", 1, Map.of());
    clock.advance(Duration.ofMillis(1));
    runs.create("c", "d1", 1, Map.of());
    runs.ended("c", RunRecord.FAILED, null, "boom");

    assertThat(ids(runs.query(null, null, 10, 0))).containsExactly("a", "b", "c");
    assertThat(ids(runs.query("d1", null, 10, 0))).containsExactly("b", "c");
    assertThat(ids(runs.query("d1", RunRecord.FAILED, 10, 0))).containsExactly("c");
    JdbcRunStore.Page page = runs.query(null, null, 1, 1);
    assertThat(ids(page)).containsExactly("b");
    assertThat(page.totalCount()).isEqualTo(3);
    assertThat(runs.query(null, RunRecord.CANCELLED, 10, 0).totalCount()).isZero();
  }

  private static List<String> ids(JdbcRunStore.Page page) {
    return page.runs().stream().map(RunRecord::runId).toList();
  }
}
