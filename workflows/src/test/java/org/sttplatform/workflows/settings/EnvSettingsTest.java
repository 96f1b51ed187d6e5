package org.sttplatform.workflows.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EnvSettingsTest {

  private static EnvSettings env(String name, String value) {
    return new EnvSettings(Map.of(name, value));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\t\n"})
  void blankCountsAsUnsetForEveryKind(String blank) {
    EnvSettings e = env("X", blank);
    assertThat(e.string("X", "d")).isEqualTo("d");
    assertThat(e.string("X", null)).isNull();
    assertThat(e.path("X", Path.of("p"))).isEqualTo(Path.of("p"));
    assertThat(e.path("X", null)).isNull();
    assertThat(e.bool("X", true)).isTrue();
    assertThat(e.integer("X", 7)).isEqualTo(7);
    assertThat(e.longInteger("X", 8)).isEqualTo(8);
    assertThat(e.decimal("X", 1.5)).isEqualTo(1.5);
    assertThat(e.seconds("X", Duration.ofSeconds(9))).isEqualTo(Duration.ofSeconds(9));
    assertThat(e.bytes("X", 10)).isEqualTo(10);
    assertThat(e.duration("X", Duration.ofMinutes(1))).isEqualTo(Duration.ofMinutes(1));
    assertThat(e.positiveDuration("X", Duration.ofMinutes(2))).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void anUnsetVariableTakesTheFallback() {
    EnvSettings e = new EnvSettings(Map.of());
    assertThat(e.string("X", "d")).isEqualTo("d");
    assertThat(e.bool("X", false)).isFalse();
    assertThat(e.integer("X", -1)).isEqualTo(-1);
    assertThat(e.positiveDuration("X", null)).isNull();
  }

  @Test
  void valuesAreStripped() {
    assertThat(env("X", "  a b ").string("X", null)).isEqualTo("a b");
    assertThat(env("X", " /opt/x ").path("X", null)).isEqualTo(Path.of("/opt/x"));
    assertThat(env("X", " 42 ").integer("X", 0)).isEqualTo(42);
    assertThat(env("X", " 5s ").duration("X", null)).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void pathsAreTakenAsWritten() {
    assertThat(env("X", "./data").path("X", null)).isEqualTo(Path.of("./data"));
  }

  @ParameterizedTest
  @CsvSource({
    "true, true", "TRUE, true", "1, true", "yes, true", "On, true",
    "false, false", "False, false", "0, false", "no, false", "OFF, false"
  })
  void booleans(String value, boolean expected) {
    assertThat(env("X", value).bool("X", !expected)).isEqualTo(expected);
  }

  @Test
  void numbers() {
    assertThat(env("X", "-3").integer("X", 0)).isEqualTo(-3);
    assertThat(env("X", "9000000000").longInteger("X", 0)).isEqualTo(9_000_000_000L);
    assertThat(env("X", "12.5").decimal("X", 0)).isEqualTo(12.5);
    assertThat(env("X", "600").decimal("X", 0)).isEqualTo(600);
    assertThat(env("X", "30").seconds("X", null)).isEqualTo(Duration.ofSeconds(30));
  }

  @ParameterizedTest
  @CsvSource({
    "1234, 1234",
    "1234b, 1234",
    "500k, 512000",
    "500m, 524288000",
    "2g, 2147483648",
    "2G, 2147483648",
    "2GiB, 2147483648",
    "2gi, 2147483648",
    "64 KB, 65536",
    "0, 0"
  })
  void byteCounts(String value, long expected) {
    assertThat(env("X", value).bytes("X", -1)).isEqualTo(expected);
  }

  @Test
  void durations() {
    assertThat(env("X", "1h30m").duration("X", null)).isEqualTo(Duration.ofMinutes(90));
    assertThat(env("X", "0s").duration("X", null)).isZero();
    assertThat(env("X", "500ms").positiveDuration("X", null)).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void aBadValueIsRefusedNamingTheVariableTheValueAndWhatIsExpected() {
    assertRefused(
        () -> env("STT_B", "maybe").bool("STT_B", false),
        "STT_B must be true or false (or 1/0, yes/no, on/off), was 'maybe'");
    assertRefused(
        () -> env("STT_I", "two").integer("STT_I", 0),
        "STT_I must be a whole number (at most 2147483647), was 'two'");
    assertRefused(
        () -> env("STT_I", "9000000000").integer("STT_I", 0),
        "STT_I must be a whole number (at most 2147483647), was '9000000000'");
    assertRefused(
        () -> env("STT_L", "1.5").longInteger("STT_L", 0),
        "STT_L must be a whole number, was '1.5'");
    assertRefused(
        () -> env("STT_D", "10m").decimal("STT_D", 0),
        "STT_D must be a number such as 600 or 12.5, was '10m'");
    assertRefused(
        () -> env("STT_S", "30s").seconds("STT_S", null),
        "STT_S must be a whole number of seconds such as 30, was '30s'");
    assertRefused(
        () -> env("STT_BYTES", "lots").bytes("STT_BYTES", 0),
        "STT_BYTES must be a byte count such as 1048576, 500k, 500m or 2g, was 'lots'");
    assertRefused(
        () -> env("STT_BYTES", "99999999999g").bytes("STT_BYTES", 0),
        "STT_BYTES must be a byte count such as 1048576, 500k, 500m or 2g, was '99999999999g'");
    assertRefused(
        () -> env("STT_BYTES", "k").bytes("STT_BYTES", 0),
        "STT_BYTES must be a byte count such as 1048576, 500k, 500m or 2g, was 'k'");
    assertRefused(
        () -> env("STT_W", "24 hours").duration("STT_W", null),
        "STT_W must be a duration such as 30s, 90m or 1h30m, was '24 hours'");
  }

  @Test
  void aPositiveDurationRefusesZeroAndBadValuesAlike() {
    assertRefused(
        () -> env("STT_FLEET_HEARTBEAT", "0s").positiveDuration("STT_FLEET_HEARTBEAT", null),
        "STT_FLEET_HEARTBEAT must be a positive duration such as 3s or 500ms, was '0s'");
    assertRefused(
        () -> env("STT_FLEET_HEARTBEAT", "soon").positiveDuration("STT_FLEET_HEARTBEAT", null),
        "STT_FLEET_HEARTBEAT must be a positive duration such as 3s or 500ms, was 'soon'");
    assertRefused(
        () -> env("STT_FLEET_HEARTBEAT", "-3s").positiveDuration("STT_FLEET_HEARTBEAT", null),
        "STT_FLEET_HEARTBEAT must be a positive duration such as 3s or 500ms, was '-3s'");
  }

  private static void assertRefused(ThrowingCallable call, String message) {
    assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
  }
}
