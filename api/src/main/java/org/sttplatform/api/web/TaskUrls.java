package org.sttplatform.api.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.sttplatform.api.config.SttProperties;

/**
 * Where the seed's task endpoints are ({@link TaskController}, {@link TaskByIdController}) and the
 * URLs that answers, messages and callbacks name: a task's result URL and the service's own URL.
 */
public final class TaskUrls {
  /** The path the seed's task endpoints are under. */
  static final String TASKS = "/api/whisper/tasks";

  private TaskUrls() {}

  /** {@code /api/whisper/tasks/result?task_id=<id>}: where a task's result is read. */
  public static String resultPath(long id) {
    return TASKS + "/result?task_id=" + id;
  }

  /**
   * {@code <base>/api/whisper/tasks/result?task_id=<id>}, whatever slashes {@code base} ends in.
   */
  public static String resultUrl(String base, long id) {
    return withoutTrailingSlashes(base) + resultPath(id);
  }

  /** {@code <base>/api/whisper/tasks/result?task_id=<id>}; base is stt.public-url if set. */
  static String outputUrl(SttProperties properties, HttpServletRequest request, long id) {
    return resultUrl(baseUrl(request, properties), id);
  }

  /** The service's URL without a trailing slash: stt.public-url if set, else the request's. */
  static String baseUrl(HttpServletRequest request, SttProperties properties) {
    String base = properties.publicUrl();
    if (base == null || base.isBlank()) {
      base = ServletUriComponentsBuilder.fromContextPath(request).build().toUriString();
    }
    return withoutTrailingSlashes(base);
  }

  private static String withoutTrailingSlashes(String base) {
    String url = base.strip();
    while (url.endsWith("/")) {
      url = url.substring(0, url.length() - 1);
    }
    return url;
  }
}
