package org.sttplatform.api.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.tomcat.util.http.fileupload.impl.SizeLimitExceededException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * Reads a {@code multipart/form-data} body (RFC 7578) as it streams in: file parts go straight to
 * files in one directory, in large writes, and fields are kept as text. It replaces Tomcat's
 * parser, which tests every byte against the boundary one at a time (a 56 MiB upload took 0.4 to
 * 0.5 s, nearly all of it CPU, on the project's 2-core machine, where curl sends it in 33 ms); this
 * one skips through the data with the Boyer-Moore-Horspool search, usually a boundary's length per
 * step (bench/README.md, "Reading multipart bodies ourselves").
 *
 * <p>Limits, all checked while the body streams: a file part's size, the whole body's, one part's
 * header section (its file name is there), the number of parts and the fields' total size. A
 * failure deletes every file written so far.
 */
final class MultipartReader {
  /** Read and write in steps of this size: one buffer per request in flight. */
  static final int BUFFER_BYTES = 256 * 1024;

  private static final byte[] HEADERS_END = {'\r', '\n', '\r', '\n'};
  private static final int[] HEADERS_END_SKIP = skipTable(HEADERS_END);

  /**
   * What a body may hold.
   *
   * @param maxFileBytes the largest file part
   * @param maxRequestBytes the largest body
   * @param maxHeaderBytes the largest header section of one part
   * @param maxParts the most parts
   * @param maxFieldBytes the most bytes of all fields together (they are kept in memory)
   */
  record Limits(
      long maxFileBytes,
      long maxRequestBytes,
      int maxHeaderBytes,
      int maxParts,
      int maxFieldBytes) {}

  /** A form field. */
  record Field(String name, String value) {}

  /**
   * A file part, written to {@code file}.
   *
   * @param fileName the client's file name (empty if it gave an empty one)
   * @param contentType the part's {@code Content-Type}, or null
   */
  record FilePart(String name, String fileName, String contentType, Path file, long size) {}

  /** The parts in the order they came. */
  record Form(List<Field> fields, List<FilePart> files) {}

  private final InputStream in;
  private final byte[] delimiter;
  private final int[] skip;
  private final Path dir;
  private final Limits limits;
  private final byte[] buffer = new byte[BUFFER_BYTES];
  private int start;
  private int end;
  private long received;
  private boolean eof;

  private MultipartReader(InputStream in, String boundary, Path dir, Limits limits) {
    this.in = in;
    this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    this.skip = skipTable(delimiter);
    this.dir = dir;
    this.limits = limits;
  }

  /**
   * Reads the whole form.
   *
   * @param boundary the {@code boundary} parameter of the request's content type
   * @param dir where file parts are written (files named {@code part-*.tmp})
   * @throws MaxUploadSizeExceededException a file or the body over its limit, or a part's header
   *     section over its own (then with Tomcat's {@link SizeLimitExceededException} as the cause,
   *     as its parser reports it)
   * @throws MultipartException a body that is not multipart, ends early, or has too many parts
   * @throws IOException reading the body or writing a file failed (the client went away…)
   */
  static Form read(InputStream in, String boundary, Path dir, Limits limits) throws IOException {
    if (boundary == null || boundary.isEmpty() || boundary.length() > 70) {
      throw new MultipartException("The multipart request has no valid boundary");
    }
    MultipartReader reader = new MultipartReader(in, boundary, dir, limits);
    List<Field> fields = new ArrayList<>();
    List<FilePart> files = new ArrayList<>();
    boolean complete = false;
    try {
      reader.readParts(fields, files);
      complete = true;
      return new Form(List.copyOf(fields), List.copyOf(files));
    } finally {
      if (!complete) {
        for (FilePart f : files) {
          Files.deleteIfExists(f.file());
        }
      }
    }
  }

  private void readParts(List<Field> fields, List<FilePart> files) throws IOException {
    skipPreamble();
    int fieldBytes = 0;
    int parts = 0;
    while (true) {
      if (!ensure(2)) {
        throw malformed("The multipart body ends after a boundary");
      }
      if (buffer[start] == '-' && buffer[start + 1] == '-') {
        return; // the closing delimiter; the epilogue is ignored
      }
      skipLineEnd();
      if (++parts > limits.maxParts()) {
        throw malformed("The multipart body has more than " + limits.maxParts() + " parts");
      }
      PartHeaders headers = PartHeaders.parse(readHeaders());
      if (headers.name() == null) {
        skipBody(); // no field to bind it to: skipped, as Tomcat's parser did
      } else if (headers.fileName() != null) {
        files.add(readFile(headers));
      } else {
        ByteArrayOutputStream value = new ByteArrayOutputStream();
        long size = readBody(value::write, limits.maxFieldBytes() - fieldBytes);
        if (size < 0) {
          throw tooLarge(limits.maxFieldBytes());
        }
        fieldBytes += (int) size;
        fields.add(new Field(headers.name(), value.toString(headers.charset())));
      }
    }
  }

  private FilePart readFile(PartHeaders headers) throws IOException {
    Path file = Files.createTempFile(dir, "part-", ".tmp");
    long size;
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
      size = readBody(out, limits.maxFileBytes());
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
    if (size < 0) {
      Files.deleteIfExists(file);
      throw tooLarge(limits.maxFileBytes());
    }
    return new FilePart(headers.name(), headers.fileName(), headers.contentType(), file, size);
  }

  /** Where the bytes of a part's body go. */
  private interface Sink {
    void write(byte[] b, int off, int len) throws IOException;
  }

  private long readBody(FileChannel out, long max) throws IOException {
    return readBody(
        (b, off, len) -> {
          ByteBuffer bytes = ByteBuffer.wrap(b, off, len);
          while (bytes.hasRemaining()) {
            out.write(bytes);
          }
        },
        max);
  }

  /**
   * Copies the part's body up to the next delimiter (consumed) into {@code sink}.
   *
   * @return the body's size, or -1 once it passed {@code max} (the rest is not read)
   */
  private long readBody(Sink sink, long max) throws IOException {
    long size = 0;
    while (true) {
      int at = indexOf(delimiter, skip, start, end);
      // Up to the delimiter, or all but a possible delimiter's beginning at the end.
      int until = at >= 0 ? at : Math.max(start, end - (delimiter.length - 1));
      int n = until - start;
      if (size + n > max) {
        return -1;
      }
      if (n > 0) {
        sink.write(buffer, start, n);
        size += n;
        start = until;
      }
      if (at >= 0) {
        start = at + delimiter.length;
        return size;
      }
      if (!fill()) {
        throw malformed("The multipart body ends inside a part");
      }
    }
  }

  /** Skips everything before the first delimiter, which may lack the leading line end. */
  private void skipPreamble() throws IOException {
    int dashBoundary = delimiter.length - 2;
    ensure(dashBoundary);
    if (end - start >= dashBoundary && matches(delimiter, 2, start)) {
      start += dashBoundary;
      return;
    }
    skipBody();
  }

  /** Reads past the next delimiter, keeping nothing. */
  private void skipBody() throws IOException {
    readBody((b, off, len) -> {}, Long.MAX_VALUE);
  }

  /** After a delimiter: optional spaces or tabs (RFC 2046 transport padding), then CRLF. */
  private void skipLineEnd() throws IOException {
    while (ensure(1) && (buffer[start] == ' ' || buffer[start] == '\t')) {
      start++;
    }
    if (!ensure(2) || buffer[start] != '\r' || buffer[start + 1] != '\n') {
      throw malformed("A multipart boundary is not followed by a line end");
    }
    start += 2;
  }

  /** The part's header section, without the empty line that ends it (consumed). */
  private String readHeaders() throws IOException {
    int max = limits.maxHeaderBytes();
    while (true) {
      if (end - start >= 2 && buffer[start] == '\r' && buffer[start + 1] == '\n') {
        start += 2;
        return ""; // no headers at all
      }
      int at =
          indexOf(
              HEADERS_END,
              HEADERS_END_SKIP,
              start,
              Math.min(end, start + max + HEADERS_END.length));
      if (at >= 0 && at - start + HEADERS_END.length <= max) {
        String headers = new String(buffer, start, at - start, StandardCharsets.UTF_8);
        start = at + HEADERS_END.length;
        return headers;
      }
      if (end - start >= max) {
        throw new MaxUploadSizeExceededException(
            max,
            new SizeLimitExceededException(
                "Header section has more than "
                    + max
                    + " bytes (maybe it is not properly terminated)",
                end - start,
                max));
      }
      if (!fill()) {
        throw malformed("The multipart body ends inside a part's headers");
      }
    }
  }

  /** Whether at least {@code n} unread bytes are in the buffer, reading more if needed. */
  private boolean ensure(int n) throws IOException {
    while (end - start < n) {
      if (!fill()) {
        return false;
      }
    }
    return true;
  }

  /** Reads more of the body behind the unread bytes; false at its end. */
  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    if (start > 0) {
      System.arraycopy(buffer, start, buffer, 0, end - start);
      end -= start;
      start = 0;
    }
    if (end == buffer.length) {
      // The callers never keep more than a header section or a delimiter's length unread.
      throw new IllegalStateException("multipart buffer full");
    }
    int n = in.read(buffer, end, buffer.length - end);
    if (n < 0) {
      eof = true;
      return false;
    }
    received += n;
    if (received > limits.maxRequestBytes()) {
      throw tooLarge(limits.maxRequestBytes());
    }
    end += n;
    return true;
  }

  /**
   * Boyer-Moore-Horspool: the first {@code pattern} in {@code buffer[from, to)}, or -1; {@code
   * table} is the pattern's {@link #skipTable}.
   */
  private int indexOf(byte[] pattern, int[] table, int from, int to) {
    int last = pattern.length - 1;
    int i = from;
    while (i + last < to) {
      if (matches(pattern, 0, i)) {
        return i;
      }
      i += table[buffer[i + last] & 0xff];
    }
    return -1;
  }

  /** Whether {@code pattern[from..]} is at {@code buffer[at..]} (the caller checked the length). */
  private boolean matches(byte[] pattern, int from, int at) {
    for (int k = pattern.length - 1; k >= from; k--) {
      if (buffer[at + k - from] != pattern[k]) {
        return false;
      }
    }
    return true;
  }

  private static int[] skipTable(byte[] pattern) {
    int[] table = new int[256];
    java.util.Arrays.fill(table, pattern.length);
    for (int k = 0; k < pattern.length - 1; k++) {
      table[pattern[k] & 0xff] = pattern.length - 1 - k;
    }
    return table;
  }

  private static MaxUploadSizeExceededException tooLarge(long max) {
    return new MaxUploadSizeExceededException(max);
  }

  private static MultipartException malformed(String message) {
    return new MultipartException(message);
  }
}
