package org.sttplatform.api.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cross-origin access for the browsers of the origins in {@code STT_CORS_ORIGINS} (comma-separated,
 * e.g. {@code https://app.example.com,http://localhost:3000}; {@code *} allows any). Unset, the
 * service sends no CORS headers at all, so browsers keep other sites' pages out. A preflight from
 * an allowed origin is answered here (200 with the {@code Access-Control-*} headers); a
 * cross-origin request from any other origin gets a 403 in the error envelope.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class CorsAllowList extends OncePerRequestFilter {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final CorsConfiguration config;
  private final DefaultCorsProcessor processor =
      new DefaultCorsProcessor() {
        @Override
        protected void rejectRequest(ServerHttpResponse response) {
          // The filter answers with the error envelope instead of Spring's plain-text 403.
        }
      };

  /**
   * @param origins the allowed origins ({@code stt.cors.origins}, from {@code STT_CORS_ORIGINS})
   */
  CorsAllowList(@Value("${stt.cors.origins:}") String origins) {
    List<String> allowed =
        Arrays.stream(origins.split(",")).map(String::strip).filter(o -> !o.isEmpty()).toList();
    if (allowed.isEmpty()) {
      this.config = null;
      return;
    }
    CorsConfiguration c = new CorsConfiguration();
    c.setAllowedOrigins(allowed);
    c.setAllowedMethods(List.of("GET", "HEAD", "POST", "DELETE"));
    c.setAllowedHeaders(List.of(CorsConfiguration.ALL));
    // What a page may read: the request id, an extraction's file name, a new resource's URL.
    c.setExposedHeaders(List.of(RequestIds.HEADER, "Content-Disposition", "Location"));
    c.setMaxAge(Duration.ofMinutes(30));
    this.config = c;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return config == null || !CorsUtils.isCorsRequest(request);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    boolean allowed = processor.processRequest(config, request, response);
    if (!allowed) {
      refuse(request, response);
      return;
    }
    if (CorsUtils.isPreFlightRequest(request)) {
      response.setStatus(HttpServletResponse.SC_OK);
      return;
    }
    chain.doFilter(request, response);
  }

  private static void refuse(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String origin = request.getHeader("Origin");
    ResponseEntity<ApiError> error =
        ApiExceptionHandler.error(
            request,
            HttpStatus.FORBIDDEN,
            ("Cross-origin request from '%s' refused: the origin, method or headers are not"
                    + " allowed (allowed origins are set with STT_CORS_ORIGINS)")
                .formatted(origin),
            Map.of());
    response.setStatus(HttpStatus.FORBIDDEN.value());
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write(JSON.writeValueAsString(error.getBody()));
  }
}
