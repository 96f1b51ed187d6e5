package org.sttplatform.api.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.multipart.MultipartResolver;
import org.springframework.web.multipart.support.DefaultMultipartHttpServletRequest;

/**
 * The API's multipart handling: {@link MultipartReader} reads the body (file parts straight into
 * {@code <dataDir>/uploads/.incoming}), and controllers see Spring's usual {@code MultipartFile}s
 * and request parameters. Tomcat's own multipart parsing is off ({@code
 * spring.servlet.multipart.enabled: false}), so nothing else reads the body.
 */
final class StreamingMultipartResolver implements MultipartResolver {
  private static final Logger log = LoggerFactory.getLogger(StreamingMultipartResolver.class);

  private final Path incoming;
  private final MultipartReader.Limits limits;

  StreamingMultipartResolver(Path incoming, MultipartReader.Limits limits) {
    this.incoming = incoming;
    this.limits = limits;
  }

  @Override
  public boolean isMultipart(HttpServletRequest request) {
    String type = request.getContentType();
    return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/");
  }

  @Override
  public MultipartHttpServletRequest resolveMultipart(HttpServletRequest request) {
    // A declared length over the limit is refused before a byte of the body is read.
    if (request.getContentLengthLong() > limits.maxRequestBytes()) {
      throw new MaxUploadSizeExceededException(limits.maxRequestBytes());
    }
    MultipartReader.Form form;
    try {
      form =
          MultipartReader.read(
              request.getInputStream(), boundary(request.getContentType()), incoming, limits);
    } catch (IOException e) {
      throw new MultipartException("Failed to read the multipart request: " + e, e);
    }
    MultiValueMap<String, MultipartFile> files = new LinkedMultiValueMap<>();
    for (MultipartReader.FilePart part : form.files()) {
      files.add(part.name(), new StoredMultipartFile(part));
    }
    MultiValueMap<String, String> values = new LinkedMultiValueMap<>();
    form.fields().forEach(field -> values.add(field.name(), field.value()));
    Map<String, String[]> parameters = new LinkedHashMap<>();
    values.forEach((name, list) -> parameters.put(name, list.toArray(String[]::new)));
    // No field's content type is kept: no controller asks for one.
    return new DefaultMultipartHttpServletRequest(request, files, parameters, Map.of());
  }

  @Override
  public void cleanupMultipart(MultipartHttpServletRequest request) {
    for (List<MultipartFile> list : request.getMultiFileMap().values()) {
      for (MultipartFile file : list) {
        if (file instanceof StoredMultipartFile stored) {
          try {
            Files.deleteIfExists(stored.path()); // gone already if the upload was stored
          } catch (IOException e) {
            log.warn("Could not delete the upload part {}", stored.path(), e);
          }
        }
      }
    }
  }

  /** The {@code boundary} parameter of a multipart content type (unquoted), or null. */
  static String boundary(String contentType) {
    String value;
    try {
      value = MediaType.parseMediaType(contentType).getParameter("boundary");
    } catch (IllegalArgumentException e) {
      throw new MultipartException("The multipart content type cannot be parsed", e);
    }
    if (value != null && value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
      value = value.substring(1, value.length() - 1);
    }
    return value;
  }
}
