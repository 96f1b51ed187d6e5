package org.sttplatform.api.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.sttplatform.activities.llm.LlmClient;
import org.sttplatform.activities.llm.LlmSettings;
import org.sttplatform.api.config.SttProperties;
import org.sttplatform.api.temporal.HostedWorkers;

/**
 * The LLM client of {@code POST /api/chatgpt/summary}: the {@code STT_LLM_*} settings, read like
 * the hosted CPU worker reads them (the environment, overridden by {@code stt.worker-env}), so the
 * endpoint and the {@code summarize} component talk to the same server.
 */
@Configuration(proxyBeanMethods = false)
class LlmConfiguration {

  /** Closed with the context (its connection pool and threads). */
  @Bean
  LlmClient llmClient(SttProperties properties) {
    return new LlmClient(LlmSettings.fromEnv(HostedWorkers.workerEnvironment(properties)));
  }
}
