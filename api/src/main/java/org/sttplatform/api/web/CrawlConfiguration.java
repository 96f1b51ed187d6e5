package org.sttplatform.api.web;

import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.sttplatform.activities.CpuWorkerSettings;
import org.sttplatform.activities.crawl.CrawlSettings;
import org.sttplatform.activities.crawl.PostCrawler;
import org.sttplatform.api.config.SttProperties;
import org.sttplatform.api.temporal.HostedWorkers;

/**
 * The crawler of the {@code video_task} endpoints, configured as the CPU workers are ({@code
 * stt.worker-env}, else the environment: {@code STT_DOUYIN_*}, {@code STT_TIKTOK_*}, {@code
 * STT_FETCH_ALLOW_PRIVATE_NETWORKS}), so a post the API reads is one the workers can read again.
 */
@Configuration
class CrawlConfiguration {
  @Bean
  PostCrawler postCrawler(SttProperties properties) {
    Map<String, String> env = HostedWorkers.workerEnvironment(properties);
    return new PostCrawler(CrawlSettings.fromEnv(env), CpuWorkerSettings.allowPrivateNetworks(env));
  }
}
