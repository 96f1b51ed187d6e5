package org.sttplatform.api.openai;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.sttplatform.api.config.SttProperties;
import org.sttplatform.api.temporal.HostedWorkers;
import org.sttplatform.gpu.GpuWorkerSettings;
import org.sttplatform.gpu.model.ModelCatalog;
import org.sttplatform.gpu.model.ModelStoreConfig;
import org.sttplatform.gpu.model.ServedModels;

/**
 * The models a request may name, as far as the API can see: the {@code ggml-<name>.bin} files in
 * the workers' {@code STT_MODELS_DIR} (read with the hosted workers' environment), the workers'
 * default model ({@code STT_MODEL}) and the alias {@value #WHISPER_1}, which stands for that
 * default. A models directory the API cannot see (workers on other machines) hides nothing: any
 * valid name is then passed to the workers, which fail the task if they lack it.
 */
@Component
class ServedModelList {
  /** OpenAI's model name: the workers' default model here. */
  static final String WHISPER_1 = "whisper-1";

  static final String OWNER = "stt-platform";

  private final ModelStoreConfig config;
  private final String defaultModel;

  ServedModelList(SttProperties properties) {
    GpuWorkerSettings settings =
        GpuWorkerSettings.fromEnv(HostedWorkers.workerEnvironment(properties));
    this.config = settings.modelStoreConfig();
    this.defaultModel = settings.defaultModel();
  }

  /**
   * One entry of {@code GET /v1/models}.
   *
   * @param id the name a request gives as {@code model}
   * @param created seconds since the epoch: the model file's modification time, else 0
   */
  record Entry(String id, long created) {
    Map<String, Object> json() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", id);
      m.put("object", "model");
      m.put("created", created);
      m.put("owned_by", OWNER);
      return m;
    }
  }

  /** {@value #WHISPER_1}, the default model, then the files on disk, each once. */
  List<Entry> list() {
    List<String> names = new ArrayList<>();
    names.add(WHISPER_1);
    if (defaultModel != null && !defaultModel.isBlank()) {
      names.add(canonical(defaultModel));
    }
    for (String onDisk : ServedModels.onDisk(config)) {
      if (!names.contains(onDisk)) {
        names.add(onDisk);
      }
    }
    List<Entry> entries = new ArrayList<>();
    for (String name : names) {
      String file = name.equals(WHISPER_1) ? canonical(defaultModel) : name;
      entries.add(new Entry(name, created(file)));
    }
    return entries;
  }

  /** The entry of a listed model, if any. */
  Optional<Entry> find(String id) {
    return list().stream().filter(e -> e.id().equals(id)).findFirst();
  }

  /**
   * The model to pass to the task: {@code null} (the workers' default) for a blank name or {@value
   * #WHISPER_1}, else the name as given.
   *
   * @throws OpenAiException 404 {@code model_not_found} for a name that is neither listed nor
   *     downloadable by the workers, when the API sees their models directory
   */
  String forTask(String requested) {
    if (requested == null || requested.isBlank() || requested.strip().equals(WHISPER_1)) {
      return null;
    }
    String name = requested.strip();
    if (Files.isDirectory(config.modelsDir()) && !servable(name)) {
      throw new OpenAiException(
          HttpStatus.NOT_FOUND,
          "The model '%s' does not exist; GET /v1/models lists the models served here"
              .formatted(name),
          "model",
          "model_not_found");
    }
    return name;
  }

  private boolean servable(String name) {
    String canonical;
    try {
      canonical = ModelCatalog.normalize(name);
    } catch (IllegalArgumentException e) {
      return true; // an invalid name: task creation answers it with the seed's 400
    }
    return canonical.equals(canonical(defaultModel))
        || ServedModels.onDisk(config).contains(canonical)
        || (config.downloadEnabled() && ModelCatalog.isKnown(canonical));
  }

  private static String canonical(String name) {
    try {
      return ModelCatalog.normalize(name);
    } catch (IllegalArgumentException e) {
      return name;
    }
  }

  private long created(String name) {
    if (name == null) {
      return 0;
    }
    Path file = config.modelsDir().resolve(ModelCatalog.fileName(name));
    try {
      return Files.isRegularFile(file) ? Files.getLastModifiedTime(file).toMillis() / 1000 : 0;
    } catch (IOException e) {
      return 0;
    }
  }
}
