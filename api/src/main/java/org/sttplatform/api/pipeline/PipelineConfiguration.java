package org.sttplatform.api.pipeline;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.sttplatform.workflows.pipeline.component.ComponentRegistry;

/** The component registry definitions are validated against: the same one the CPU worker runs. */
@Configuration(proxyBeanMethods = false)
class PipelineConfiguration {

  @Bean
  ComponentRegistry componentRegistry() {
    return ComponentRegistry.discover();
  }
}
