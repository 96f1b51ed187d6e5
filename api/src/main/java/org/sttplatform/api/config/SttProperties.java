package org.sttplatform.api.config;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.util.unit.DataSize;
import org.sttplatform.workflows.AudioDurationLimit;

/**
 * Service settings under {@code stt.*}. Environment overrides: {@code STT_DATA_DIR}, {@code
 * STT_PUBLIC_URL}, {@code STT_UPLOAD_MAX_SIZE}, {@code STT_MAX_AUDIO_SECONDS}, {@code
 * TEMPORAL_ADDRESS}, {@code TEMPORAL_NAMESPACE}, {@code STT_TEMPORAL_PORT}, {@code STT_CPU_WORKER},
 * {@code STT_GPU_WORKER}, {@code STT_STORE_WORKER}.
 *
 * @param dataDir shared data directory (uploads, working files, SQLite database)
 * @param publicUrl base URL used in {@code output_url}; empty means the request's own
 * @param upload upload limits
 * @param query listing limits
 * @param temporal Temporal connection
 * @param workers which workers this process hosts
 * @param workerEnv settings for the hosted workers in their environment-variable names (e.g. {@code
 *     STT_MODEL_PATH}); they override the process environment
 */
@ConfigurationProperties("stt")
public record SttProperties(
    Path dataDir,
    String publicUrl,
    Upload upload,
    Query query,
    Temporal temporal,
    Workers workers,
    Map<String, String> workerEnv) {

  public SttProperties {
    workerEnv = workerEnv == null ? Map.of() : Map.copyOf(workerEnv);
  }

  /**
   * @param maxSize largest accepted upload
   * @param maxAudioSeconds longest accepted media in seconds ({@code STT_MAX_AUDIO_SECONDS},
   *     default 6 h; 0 or less: no limit)
   */
  public record Upload(DataSize maxSize, long maxAudioSeconds) {
    @ConstructorBinding
    public Upload {}

    /** With the default duration limit. */
    public Upload(DataSize maxSize) {
      this(maxSize, AudioDurationLimit.DEFAULT_SECONDS);
    }
  }

  /**
   * @param maxLimit largest page size of a task listing
   */
  public record Query(int maxLimit) {}

  /**
   * @param address host:port of an external Temporal frontend; empty starts the embedded server
   * @param namespace Temporal namespace
   * @param embeddedPort port of the embedded server on 127.0.0.1 (0 picks a free port)
   */
  public record Temporal(String address, String namespace, int embeddedPort) {
    /** Whether this process starts its own Temporal server. */
    public boolean embedded() {
      return address == null || address.isBlank();
    }
  }

  /**
   * @param cpu host the CPU worker (workflows, media activities)
   * @param gpu host the transcription worker
   * @param store host the task-store activities (needs the database)
   */
  public record Workers(boolean cpu, boolean gpu, boolean store) {}
}
