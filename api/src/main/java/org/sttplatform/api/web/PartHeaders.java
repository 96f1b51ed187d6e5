package org.sttplatform.api.web;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.web.multipart.MultipartException;

/**
 * What {@link MultipartReader} needs of one part's headers: the form-data name and file name (read
 * as Spring's own multipart request reads them, with {@link ContentDisposition#parse}, so quoted
 * names and RFC 5987 {@code filename*} decode alike), and the content type with its charset.
 *
 * @param fileName null for a field; a file part's name, possibly empty
 * @param charset the field's charset: the part's own, else UTF-8
 */
record PartHeaders(String name, String fileName, String contentType, Charset charset) {

  /** Parses a header section (lines without the empty line that ends it). */
  static PartHeaders parse(String section) {
    String disposition = null;
    String contentType = null;
    for (String line : section.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon <= 0) {
        continue;
      }
      String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).strip();
      if (name.equals("content-disposition")) {
        disposition = value;
      } else if (name.equals("content-type")) {
        contentType = value;
      }
    }
    if (disposition == null) {
      throw new MultipartException("A multipart part has no Content-Disposition header");
    }
    ContentDisposition parsed;
    Charset charset = StandardCharsets.UTF_8;
    try {
      parsed = ContentDisposition.parse(disposition);
      if (contentType != null) {
        Charset given = MediaType.parseMediaType(contentType).getCharset();
        charset = given == null ? charset : given;
      }
    } catch (IllegalArgumentException e) {
      throw new MultipartException("A multipart part's headers cannot be parsed", e);
    }
    return new PartHeaders(parsed.getName(), parsed.getFilename(), contentType, charset);
  }
}
