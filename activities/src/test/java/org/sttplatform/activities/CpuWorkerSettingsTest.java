package org.sttplatform.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuWorkerSettingsTest {

  @Test
  void defaults() {
    CpuWorkerSettings s = CpuWorkerSettings.fromEnv(Map.of());
    assertThat(s.dataDir()).isEqualTo(Path.of("./data"));
    assertThat(s.maxDownloadBytes()).isEqualTo(2L * 1024 * 1024 * 1024);
    assertThat(s.temporalAddress()).isEqualTo("127.0.0.1:7233");
    assertThat(s.namespace()).isEqualTo("default");
    assertThat(s.ffmpegBinDir()).isNull();
    assertThat(s.heartbeatInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(s.callbackRetryWindow()).isEqualTo(Duration.ofHours(24));
  }

  @Test
  void callbackRetryWindow() {
    assertThat(
            CpuWorkerSettings.fromEnv(Map.of("STT_CALLBACK_RETRY_WINDOW", "1h30m"))
                .callbackRetryWindow())
        .isEqualTo(Duration.ofMinutes(90));
    assertThatThrownBy(
            () -> CpuWorkerSettings.fromEnv(Map.of("STT_CALLBACK_RETRY_WINDOW", "24 hours")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("STT_CALLBACK_RETRY_WINDOW");
    assertThatThrownBy(() -> CpuWorkerSettings.fromEnv(Map.of("STT_CALLBACK_RETRY_WINDOW", "0s")))
        .hasMessageContaining("must be positive");
  }

  @Test
  void splitSeconds() {
    assertThat(CpuWorkerSettings.fromEnv(Map.of()).splitSeconds()).isEqualTo(600);
    assertThat(CpuWorkerSettings.fromEnv(Map.of("STT_SPLIT_SECONDS", "300")).splitSeconds())
        .isEqualTo(300);
    assertThat(CpuWorkerSettings.fromEnv(Map.of("STT_SPLIT_SECONDS", "0")).splitSeconds()).isZero();
    assertThat(CpuWorkerSettings.defaults(Path.of("d")).withSplitSeconds(90).splitSeconds())
        .isEqualTo(90);
    assertThatThrownBy(() -> CpuWorkerSettings.fromEnv(Map.of("STT_SPLIT_SECONDS", "5")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("STT_SPLIT_SECONDS must be 0 (never split) or at least 10");
    assertThatThrownBy(() -> CpuWorkerSettings.fromEnv(Map.of("STT_SPLIT_SECONDS", "10m")))
        .hasMessageContaining("STT_SPLIT_SECONDS must be a number")
        .hasMessageContaining("'10m'");
  }

  @Test
  void fromEnvironment() {
    CpuWorkerSettings s =
        CpuWorkerSettings.fromEnv(
            Map.of(
                "STT_DATA_DIR", "/srv/stt",
                "STT_MAX_DOWNLOAD_BYTES", "500m",
                "STT_FFMPEG_BIN", "/opt/ffmpeg/bin",
                "STT_USER_AGENT", "ua/1",
                "TEMPORAL_ADDRESS", "temporal:7233",
                "TEMPORAL_NAMESPACE", "stt",
                "STT_HTTP_READ_TIMEOUT_SECONDS", "5",
                "STT_CPU_MAX_CONCURRENT_ACTIVITIES", "3"));
    assertThat(s.dataDir()).isEqualTo(Path.of("/srv/stt"));
    assertThat(s.maxDownloadBytes()).isEqualTo(500L * 1024 * 1024);
    assertThat(s.ffmpegBinDir()).isEqualTo(Path.of("/opt/ffmpeg/bin"));
    assertThat(s.userAgent()).isEqualTo("ua/1");
    assertThat(s.temporalAddress()).isEqualTo("temporal:7233");
    assertThat(s.namespace()).isEqualTo("stt");
    assertThat(s.readTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.maxConcurrentActivities()).isEqualTo(3);
  }

  @Test
  void eachCopyChangesOnlyItsComponentAndIsChecked() {
    CpuWorkerSettings s =
        CpuWorkerSettings.fromEnv(
            Map.of(
                "STT_DATA_DIR", "/srv/stt", "STT_USER_AGENT", "ua/1", "STT_SPLIT_SECONDS", "30"));
    CpuWorkerSettings copy =
        s.withMaxDownloadBytes(1234)
            .withHeartbeatInterval(Duration.ofSeconds(7))
            .withAllowPrivateNetworks(true)
            .withMaxAudioSeconds(99)
            .withSplitSeconds(0)
            .withCallbackRetryWindow(Duration.ofMinutes(5));
    assertThat(copy.maxDownloadBytes()).isEqualTo(1234);
    assertThat(copy.heartbeatInterval()).isEqualTo(Duration.ofSeconds(7));
    assertThat(copy.allowPrivateNetworks()).isTrue();
    assertThat(copy.maxAudioSeconds()).isEqualTo(99);
    assertThat(copy.splitSeconds()).isZero();
    assertThat(copy.callbackRetryWindow()).isEqualTo(Duration.ofMinutes(5));
    // Everything else is s's, and changing the values back gives s again.
    assertThat(copy.dataDir()).isEqualTo(Path.of("/srv/stt"));
    assertThat(copy.userAgent()).isEqualTo("ua/1");
    assertThat(
            copy.withMaxDownloadBytes(s.maxDownloadBytes())
                .withHeartbeatInterval(s.heartbeatInterval())
                .withAllowPrivateNetworks(s.allowPrivateNetworks())
                .withMaxAudioSeconds(s.maxAudioSeconds())
                .withSplitSeconds(s.splitSeconds())
                .withCallbackRetryWindow(s.callbackRetryWindow()))
        .isEqualTo(s);
    assertThatThrownBy(() -> s.withSplitSeconds(5)).hasMessageContaining("STT_SPLIT_SECONDS");
    assertThatThrownBy(() -> s.withMaxDownloadBytes(0)).hasMessageContaining("maxDownloadBytes");
  }

  @Test
  void aConcurrencyBeyondAnIntIsRefusedNotWrapped() {
    // 4294967299 would wrap to 3 as an int
    assertThatThrownBy(
            () ->
                CpuWorkerSettings.fromEnv(
                    Map.of("STT_CPU_MAX_CONCURRENT_ACTIVITIES", "4294967299")))
        .hasMessageContaining("STT_CPU_MAX_CONCURRENT_ACTIVITIES must be a whole number")
        .hasMessageContaining("'4294967299'");
  }

  @Test
  void byteCounts() {
    assertThat(bytes("1234")).isEqualTo(1234);
    assertThat(bytes("2g")).isEqualTo(2L << 30);
    assertThat(bytes("2GiB")).isEqualTo(2L << 30);
    assertThat(bytes("64 KB")).isEqualTo(64L << 10);
    assertThatThrownBy(() -> bytes("lots"))
        .hasMessageContaining("STT_MAX_DOWNLOAD_BYTES")
        .hasMessageContaining("'lots'");
    assertThatThrownBy(() -> bytes("0")).isInstanceOf(IllegalArgumentException.class);
  }

  private static long bytes(String value) {
    return CpuWorkerSettings.fromEnv(Map.of("STT_MAX_DOWNLOAD_BYTES", value)).maxDownloadBytes();
  }
}
