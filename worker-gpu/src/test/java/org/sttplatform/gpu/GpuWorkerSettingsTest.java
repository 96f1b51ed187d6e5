package org.sttplatform.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GpuWorkerSettingsTest {

  @Test
  void defaults() {
    GpuWorkerSettings s = GpuWorkerSettings.fromEnv(Map.of());

    assertThat(s.dataDir()).isEqualTo(Path.of("./data").toAbsolutePath().normalize());
    assertThat(s.modelsDir()).isEqualTo(Path.of("models").toAbsolutePath());
    assertThat(s.defaultModel()).isEqualTo("base");
    assertThat(s.modelPath()).isNull();
    assertThat(s.downloadEnabled()).isTrue();
    assertThat(s.mirrorUrl()).isNull();
    assertThat(s.modelSha1()).isNull();
    assertThat(s.nativeLibraryDir()).isNull();
    assertThat(s.useGpu()).isTrue();
    assertThat(s.gpuDevice()).isZero();
    assertThat(s.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(s.poolSize()).isEqualTo(1);
    assertThat(s.maxLoadedModels()).isEqualTo(2);
    assertThat(s.modelStoreConfig().effectiveMirror())
        .isEqualTo("https://huggingface.co/ggerganov/whisper.cpp/resolve/main");
  }

  @Test
  void defaultThreadsShareTheCoresBetweenThePool() {
    int cores = Runtime.getRuntime().availableProcessors();
    assertThat(GpuWorkerSettings.fromEnv(Map.of("STT_WHISPER_POOL_SIZE", "2")).threads())
        .isEqualTo(Math.max(1, cores / 2));
    assertThat(GpuWorkerSettings.fromEnv(Map.of("STT_WHISPER_POOL_SIZE", "1000")).threads())
        .isEqualTo(1);
    assertThat(GpuWorkerSettings.defaultThreads(8, 1)).isEqualTo(8);
    assertThat(GpuWorkerSettings.defaultThreads(8, 2)).isEqualTo(4);
    assertThat(GpuWorkerSettings.defaultThreads(8, 3)).isEqualTo(2);
    assertThat(GpuWorkerSettings.defaultThreads(2, 4)).isEqualTo(1);
    assertThat(
            GpuWorkerSettings.fromEnv(
                    Map.of("STT_WHISPER_POOL_SIZE", "1000", "STT_WHISPER_THREADS", "3"))
                .threads())
        .isEqualTo(3);
  }

  @Test
  void readsEveryVariable() {
    GpuWorkerSettings s =
        GpuWorkerSettings.fromEnv(
            Map.ofEntries(
                Map.entry("STT_DATA_DIR", "/data"),
                Map.entry("STT_MODELS_DIR", "/models"),
                Map.entry("STT_MODEL", "large-v3-turbo-q5_0"),
                Map.entry("STT_MODEL_PATH", "/opt/m.bin"),
                Map.entry("STT_MODEL_DOWNLOAD", "false"),
                Map.entry("STT_MODEL_MIRROR", "http://mirror.local/whisper/"),
                Map.entry("STT_MODEL_SHA1", "ABC"),
                Map.entry("STT_WHISPER_LIBRARY_DIR", "/opt/whisper-cuda"),
                Map.entry("STT_WHISPER_USE_GPU", "no"),
                Map.entry("STT_GPU_DEVICE", "1"),
                Map.entry("STT_WHISPER_THREADS", "6"),
                Map.entry("STT_WHISPER_POOL_SIZE", "2"),
                Map.entry("STT_MAX_LOADED_MODELS", "3")));

    assertThat(s.dataDir()).isEqualTo(Path.of("/data"));
    assertThat(s.modelsDir()).isEqualTo(Path.of("/models"));
    assertThat(s.defaultModel()).isEqualTo("large-v3-turbo-q5_0");
    assertThat(s.modelPath()).isEqualTo(Path.of("/opt/m.bin"));
    assertThat(s.downloadEnabled()).isFalse();
    assertThat(s.nativeLibraryDir()).isEqualTo(Path.of("/opt/whisper-cuda"));
    assertThat(s.useGpu()).isFalse();
    assertThat(s.gpuDevice()).isEqualTo(1);
    assertThat(s.threads()).isEqualTo(6);
    assertThat(s.poolSize()).isEqualTo(2);
    assertThat(s.maxLoadedModels()).isEqualTo(3);
    assertThat(s.modelStoreConfig().effectiveMirror()).isEqualTo("http://mirror.local/whisper");
    assertThat(s.modelStoreConfig().checksums()).containsEntry("large-v3-turbo-q5_0", "ABC");
  }

  @Test
  void badValuesNameTheVariable() {
    assertThatThrownBy(() -> GpuWorkerSettings.fromEnv(Map.of("STT_MODEL_DOWNLOAD", "maybe")))
        .hasMessageContaining("STT_MODEL_DOWNLOAD");
    assertThatThrownBy(() -> GpuWorkerSettings.fromEnv(Map.of("STT_WHISPER_POOL_SIZE", "two")))
        .hasMessageContaining("STT_WHISPER_POOL_SIZE");
    assertThatThrownBy(() -> GpuWorkerSettings.fromEnv(Map.of("STT_WHISPER_POOL_SIZE", "0")))
        .hasMessageContaining("pool size");
    assertThatThrownBy(() -> GpuWorkerSettings.fromEnv(Map.of("STT_MAX_LOADED_MODELS", "many")))
        .hasMessageContaining(
            "STT_MAX_LOADED_MODELS must be a whole number (at most 2147483647), was 'many'");
    assertThatThrownBy(() -> GpuWorkerSettings.fromEnv(Map.of("STT_MAX_LOADED_MODELS", "0")))
        .hasMessageContaining("STT_MAX_LOADED_MODELS")
        .hasMessageContaining("at least 1, was 0");
    assertThatThrownBy(() -> GpuWorkerSettings.fromEnv(Map.of("STT_MAX_LOADED_MODELS", "-1")))
        .hasMessageContaining("STT_MAX_LOADED_MODELS");
    assertThatThrownBy(() -> GpuWorkerSettings.fromEnv(Map.of("STT_MODEL", "../x")))
        .hasMessageContaining("invalid model name");
  }

  @Test
  void theWorkerIdDefaultsToHostAndDeviceAndNamesItsOwnQueue() throws Exception {
    String host = java.net.InetAddress.getLocalHost().getHostName();
    assertThat(GpuWorkerSettings.fromEnv(Map.of()).device()).isEqualTo("cpu");
    assertThat(GpuWorkerSettings.fromEnv(Map.of("CUDA_VISIBLE_DEVICES", "1")).workerId())
        .isEqualTo(host.replaceAll("[^A-Za-z0-9._-]", "_") + "-cuda1");
    assertThat(
            GpuWorkerSettings.fromEnv(
                    Map.of("CUDA_VISIBLE_DEVICES", "1", "STT_WHISPER_USE_GPU", "false"))
                .device())
        .isEqualTo("cpu");
    assertThat(GpuWorkerSettings.device(true, "0,1")).isEqualTo("cuda0_1");
    assertThat(GpuWorkerSettings.fromEnv(Map.of("STT_WORKER_ID", "gpu-7")).workerId())
        .isEqualTo("gpu-7");
    assertThat(GpuWorkerSettings.fromEnv(Map.of()).fleetHeartbeat())
        .isEqualTo(GpuWorkerSettings.DEFAULT_FLEET_HEARTBEAT);
    assertThat(GpuWorkerSettings.fromEnv(Map.of("STT_FLEET_HEARTBEAT", "500ms")).fleetHeartbeat())
        .isEqualTo(java.time.Duration.ofMillis(500));
  }

  @Test
  void aWorkerIdThatCannotNameAQueueOrABadHeartbeatIsRefusedByName() {
    assertThatThrownBy(() -> GpuWorkerSettings.fromEnv(Map.of("STT_WORKER_ID", "a b/c")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("STT_WORKER_ID");
    assertThatThrownBy(() -> GpuWorkerSettings.fromEnv(Map.of("STT_FLEET_HEARTBEAT", "0s")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("STT_FLEET_HEARTBEAT");
    assertThatThrownBy(() -> GpuWorkerSettings.fromEnv(Map.of("STT_FLEET_HEARTBEAT", "soon")))
        .hasMessageContaining("STT_FLEET_HEARTBEAT");
  }
}
