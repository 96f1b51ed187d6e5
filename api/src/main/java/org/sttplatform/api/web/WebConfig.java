package org.sttplatform.api.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;
import org.springframework.web.multipart.MultipartResolver;
import org.springframework.web.servlet.DispatcherServlet;
import org.sttplatform.api.config.SttProperties;

/** Web-layer beans. */
@Configuration(proxyBeanMethods = false)
public class WebConfig {
  /** The largest header section of one multipart part (its file name is there). */
  static final String PART_HEADER_MAX = "${server.tomcat.max-part-header-size:512B}";

  /** Room for the form fields next to a file of the maximum size. */
  private static final int FORM_FIELDS_ALLOWANCE = 1024 * 1024;

  /**
   * Multipart handling (replaces Boot's {@code spring.servlet.multipart.*}, which is off): every
   * file part goes to disk as it streams in ({@link MultipartReader}), into {@code
   * <dataDir>/uploads/.incoming}, on the same file system as the uploads, so storing an upload is a
   * rename, not a copy. A file over {@code stt.upload.max-size} is refused while it streams in
   * (HTTP 413). Part files an earlier run left there (a crash) are removed first.
   *
   * @param partHeaderMax the largest header section of one part (its file name is there)
   * @param maxParts the most parts of one request
   */
  @Bean(name = DispatcherServlet.MULTIPART_RESOLVER_BEAN_NAME)
  MultipartResolver multipartResolver(
      SttProperties properties,
      @Value(PART_HEADER_MAX) DataSize partHeaderMax,
      @Value("${server.tomcat.max-part-count:50}") int maxParts) {
    Path incoming = LocalUploadStorage.uploadsDir(properties).resolve(".incoming");
    try {
      Files.createDirectories(incoming);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the upload directory " + incoming, e);
    }
    // This bean is created before Tomcat starts, so no request is writing parts yet.
    IncomingParts.removeLeftovers(incoming, Instant.now());
    return new StreamingMultipartResolver(
        incoming,
        new MultipartReader.Limits(
            properties.upload().maxSize().toBytes(),
            maxRequestBytes(properties),
            (int) partHeaderMax.toBytes(),
            maxParts,
            FORM_FIELDS_ALLOWANCE));
  }

  /** The largest multipart request: a file of the maximum size and the form fields. */
  static long maxRequestBytes(SttProperties properties) {
    return properties.upload().maxSize().toBytes() + FORM_FIELDS_ALLOWANCE;
  }
}
