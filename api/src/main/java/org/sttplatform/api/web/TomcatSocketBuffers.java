package org.sttplatform.api.web;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Gives each Tomcat connection 64 KiB socket buffers instead of 8 KiB. Tomcat moves a request body
 * and a response through its connection's buffers, one read or write call per buffer: with 8 KiB, a
 * 110 MiB upload or download is ~14,000 calls, and on the project's 2-core VM the extraction
 * endpoint's upload of 110 MiB took 0.21–0.34 s and its download 0.16–0.24 s; with 64 KiB,
 * 0.13–0.20 s and 0.07–0.13 s (larger buffers gained nothing more; {@code bench/README.md}).
 *
 * <p>Tomcat allocates both buffers with each connection and keeps them while it is open, so {@code
 * server.tomcat.max-connections} (application.yml) is lowered by the same factor as the buffers
 * grow, keeping the most heap that open connections can hold where Tomcat's defaults put it.
 */
@Component
class TomcatSocketBuffers implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {
  /** Bytes of each connection's read buffer and of its write buffer. */
  static final int SOCKET_BUFFER_BYTES = 64 * 1024;

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    factory.addConnectorCustomizers(
        connector -> {
          String size = Integer.toString(SOCKET_BUFFER_BYTES);
          if (!connector.setProperty("socket.appReadBufSize", size)
              || !connector.setProperty("socket.appWriteBufSize", size)) {
            throw new IllegalStateException(
                "Tomcat's connector refused its socket buffer size: " + connector.getProtocol());
          }
        });
  }
}
