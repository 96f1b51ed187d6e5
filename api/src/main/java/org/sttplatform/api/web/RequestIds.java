package org.sttplatform.api.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id: the client's {@value #HEADER} when it is usable (at most {@value
 * #MAX_LENGTH} characters of letters, digits and {@code . _ : + / = -}), else a new UUID. The id is
 * echoed in the answer's {@value #HEADER} (successes and errors alike; {@link JsonErrorReportValve}
 * does the same for what Tomcat refuses before any filter runs) and put in the logging MDC as
 * {@value #MDC_KEY}, so the request's log lines carry it. Runs first, so every other filter's lines
 * and answers have it too.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIds extends OncePerRequestFilter {
  /** The request and response header. */
  public static final String HEADER = "X-Request-Id";

  /** The MDC key ({@code logging.pattern.correlation} prints it). */
  public static final String MDC_KEY = "request_id";

  static final int MAX_LENGTH = 128;

  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:+/=-]{1," + MAX_LENGTH + "}");

  /** The request attribute holding the id, so that the error dispatch keeps it. */
  private static final String ATTRIBUTE = RequestIds.class.getName();

  /** {@code incoming} if it is a usable id, else a new random one. */
  static String accept(String incoming) {
    return incoming != null && SAFE.matcher(incoming).matches()
        ? incoming
        : UUID.randomUUID().toString();
  }

  @Override
  protected boolean shouldNotFilterErrorDispatch() {
    return false; // the /error dispatch logs too
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String id =
        request.getAttribute(ATTRIBUTE) instanceof String existing
            ? existing
            : accept(request.getHeader(HEADER));
    request.setAttribute(ATTRIBUTE, id);
    response.setHeader(HEADER, id);
    String outer = MDC.get(MDC_KEY);
    MDC.put(MDC_KEY, id);
    try {
      chain.doFilter(request, response);
    } finally {
      if (outer == null) {
        MDC.remove(MDC_KEY);
      } else {
        MDC.put(MDC_KEY, outer);
      }
    }
  }
}
