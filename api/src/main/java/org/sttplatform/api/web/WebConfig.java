package org.sttplatform.api.web;

import jakarta.servlet.MultipartConfigElement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.sttplatform.api.config.SttProperties;

/** Web-layer beans. */
@Configuration(proxyBeanMethods = false)
public class WebConfig {
  /** Room for the form fields next to a file of the maximum size. */
  private static final long FORM_FIELDS_ALLOWANCE = 1024 * 1024;

  /**
   * Multipart settings (replaces Boot's {@code spring.servlet.multipart.*}): every part goes to
   * disk at once (threshold 0) into {@code <dataDir>/uploads/.incoming}, on the same file system as
   * the uploads, so storing an upload is a rename, not a copy. A file over {@code
   * stt.upload.max-size} is refused while it streams in (HTTP 413). Part files an earlier run left
   * there (a crash) are removed first.
   */
  @Bean
  MultipartConfigElement multipartConfigElement(SttProperties properties) {
    Path incoming = LocalUploadStorage.uploadsDir(properties).resolve(".incoming");
    try {
      Files.createDirectories(incoming);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the upload directory " + incoming, e);
    }
    // This bean is created before Tomcat starts, so no request is writing parts yet.
    IncomingParts.removeLeftovers(incoming, Instant.now());
    long max = properties.upload().maxSize().toBytes();
    return new MultipartConfigElement(incoming.toString(), max, maxRequestBytes(properties), 0);
  }

  /** The largest multipart request: a file of the maximum size and the form fields. */
  static long maxRequestBytes(SttProperties properties) {
    return properties.upload().maxSize().toBytes() + FORM_FIELDS_ALLOWANCE;
  }
}
