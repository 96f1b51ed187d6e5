package org.sttplatform.gpu.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the models a {@link RecognizerPool} unloads: idle ones only (no hold on them), least
 * recently used first. Works on the pool's map while the caller holds the pool's lock; the caller
 * frees what it returns once it has let go of the lock.
 */
final class LruEviction {

  // the pool's logger, so that the messages keep the category they have always had
  private static final Logger log = LoggerFactory.getLogger(RecognizerPool.class);

  private LruEviction() {}

  /**
   * Removes idle models, least recently used first, until at most {@code keep} are resident or
   * every resident one is held. Caller holds the lock.
   *
   * @param models the pool's resident models by name
   * @param maxLoaded the pool's limit of loaded models, for the log
   * @param forModel the model being made room for, for the log, or {@code null}
   * @return the removed models, to free
   */
  static List<ResidentModel> evictIdle(
      Map<String, ResidentModel> models, int keep, int maxLoaded, String forModel) {
    List<ResidentModel> unloaded = new ArrayList<>();
    while (models.size() > keep) {
      ResidentModel lru = null;
      for (ResidentModel candidate : models.values()) {
        if (candidate.holds == 0 && (lru == null || candidate.lastUsed < lru.lastUsed)) {
          lru = candidate;
        }
      }
      if (lru == null) {
        if (forModel != null) {
          log.info(
              "All {} loaded models are in use; loading '{}' anyway, above the limit of {}",
              models.size(),
              forModel,
              maxLoaded);
        }
        break;
      }
      models.remove(lru.model);
      unloaded.add(lru);
      if (forModel != null) {
        log.info(
            "Unloading model '{}' (least recently used) to make room for '{}'",
            lru.model,
            forModel);
      } else {
        log.info(
            "Unloading model '{}' (least recently used): {} models loaded, limit {}",
            lru.model,
            models.size() + 1,
            maxLoaded);
      }
    }
    return unloaded;
  }
}
