package org.sttplatform.api.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.sttplatform.api.config.SttProperties;

/**
 * Where the seed's task endpoints are ({@link TaskController}, {@link TaskByIdController}) and the
 * URLs answers name: a task's result URL and the service's own URL.
 */
final class TaskUrls {
  /** The path the seed's task endpoints are under. */
  static final String TASKS = "/api/whisper/tasks";

  private TaskUrls() {}

  /** {@code <base>/api/whisper/tasks/result?task_id=<id>}; base is stt.public-url if set. */
  static String outputUrl(SttProperties properties, HttpServletRequest request, long id) {
    return baseUrl(request, properties) + TASKS + "/result?task_id=" + id;
  }

  /** The service's URL without a trailing slash: stt.public-url if set, else the request's. */
  static String baseUrl(HttpServletRequest request, SttProperties properties) {
    String base = properties.publicUrl();
    if (base == null || base.isBlank()) {
      base = ServletUriComponentsBuilder.fromContextPath(request).build().toUriString();
    }
    base = base.strip();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return base;
  }
}
