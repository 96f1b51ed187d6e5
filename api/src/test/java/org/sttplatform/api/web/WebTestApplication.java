package org.sttplatform.api.web;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.sttplatform.api.config.SttProperties;

/**
 * The web layer alone: its package plus web auto-configuration, with in-memory fakes for the task
 * store, workflows, media inspection and model readiness. No database migrations, no Temporal.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(
    exclude = {DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class})
@EnableConfigurationProperties(SttProperties.class)
@ComponentScan(
    basePackageClasses = TaskController.class,
    excludeFilters =
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class))
class WebTestApplication {
  @Bean
  InMemoryTaskStore taskStore() {
    return new InMemoryTaskStore();
  }

  @Bean
  Fakes.Workflows taskWorkflows() {
    return new Fakes.Workflows();
  }

  @Bean
  Fakes.Inspector mediaInspector() {
    return new Fakes.Inspector();
  }

  @Bean
  Fakes.Model modelReadiness() {
    return new Fakes.Model();
  }

  /** Fails outside the DispatcherServlet, to exercise the /error envelope. */
  @Bean
  jakarta.servlet.Filter failingFilter() {
    return (request, response, chain) -> {
      String uri = ((jakarta.servlet.http.HttpServletRequest) request).getRequestURI();
      if (uri.equals("/test/filter-boom")) {
        throw new IllegalStateException("secret filter failure");
      }
      if (uri.equals("/test/send-error")) {
        ((jakarta.servlet.http.HttpServletResponse) response).sendError(400);
        return;
      }
      chain.doFilter(request, response);
    };
  }

  @Bean
  Fakes.Database dataSource() {
    return new Fakes.Database();
  }
}
