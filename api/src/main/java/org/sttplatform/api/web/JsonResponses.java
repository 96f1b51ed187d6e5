package org.sttplatform.api.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The API's endpoints answer JSON whatever the request's {@code Accept} says, as the seed (FastAPI)
 * did: a browser or a client sending {@code Accept: text/html} gets the JSON it can read rather
 * than a 406, and RFC 9110 lets a server disregard {@code Accept}. Setting the content type before
 * the handler runs makes Spring write the body as JSON without negotiating. Other handlers (the
 * Swagger UI, the OpenAPI document) keep their own negotiation.
 */
@Configuration(proxyBeanMethods = false)
class JsonResponses implements WebMvcConfigurer {
  private static final String API_PACKAGE = "org.sttplatform.api.";

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(
        new HandlerInterceptor() {
          @Override
          public boolean preHandle(
              HttpServletRequest request, HttpServletResponse response, Object handler) {
            if (handler instanceof HandlerMethod method
                && method.getBeanType().getName().startsWith(API_PACKAGE)
                && method.getBeanType() != DocsController.class) {
              response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            }
            return true;
          }
        });
  }
}
