package org.sttplatform.api.web;

import java.nio.charset.StandardCharsets;

/**
 * {@code Content-Disposition: attachment} with a file name (RFC 6266): {@code filename} with an
 * ASCII stand-in that every client reads, and {@code filename*} (RFC 8187, UTF-8) with the exact
 * name when it is not plain ASCII.
 */
final class Attachments {
  private static final String ATTR_CHARS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$&+-.^_`|~";

  private Attachments() {}

  /** The header value for downloading a file called {@code fileName}. */
  static String contentDisposition(String fileName) {
    StringBuilder ascii = new StringBuilder();
    boolean plain = true;
    for (int i = 0; i < fileName.length(); ) {
      int cp = fileName.codePointAt(i);
      i += Character.charCount(cp);
      if (cp >= 0x20 && cp < 0x7F && cp != '"' && cp != '\\') {
        ascii.appendCodePoint(cp);
      } else {
        ascii.append('_');
        plain = false;
      }
    }
    String header = "attachment; filename=\"" + ascii + "\"";
    return plain ? header : header + "; filename*=UTF-8''" + percentEncoded(fileName);
  }

  private static String percentEncoded(String value) {
    StringBuilder sb = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      if (c < 0x80 && ATTR_CHARS.indexOf(c) >= 0) {
        sb.append((char) c);
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        sb.append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
      }
    }
    return sb.toString();
  }
}
