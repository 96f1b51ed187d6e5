package org.sttplatform.api.web;

import org.apache.tomcat.util.http.fileupload.impl.SizeException;

/**
 * Tells apart the multipart limits, which Spring reports alike. {@link MultipartReader} reports a
 * part header over its limit with Tomcat's own exception, as Tomcat's parser did.
 */
final class MultipartFailures {
  private MultipartFailures() {}

  /**
   * Whether {@code e} (or a cause) is Tomcat's refusal of one part's header section over {@code
   * server.tomcat.max-part-header-size}. Spring turns every parse failure whose message mentions a
   * size being exceeded into {@code MaxUploadSizeExceededException}, so this one would otherwise be
   * answered as an upload over the size limit. Tomcat reports it as a size exception whose
   * permitted size is the part-header limit.
   *
   * @param partHeaderMaxBytes the configured part-header limit
   * @param uploadLimits the upload size limits (file and request), never taken for the header one
   */
  static boolean isPartHeaderLimit(Throwable e, long partHeaderMaxBytes, long... uploadLimits) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SizeException size && size.getPermittedSize() == partHeaderMaxBytes) {
        for (long limit : uploadLimits) {
          if (limit == partHeaderMaxBytes) {
            // Indistinguishable by size: fall back on Tomcat's wording.
            return t.getMessage() != null && t.getMessage().startsWith("Header section");
          }
        }
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
