package org.sttplatform.api.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** OpenAPI document at {@code /openapi.json}, Swagger UI at {@code /docs}. */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfig {
  @Bean
  OpenAPI sttOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("STT Platform API")
                .version("0.1.0")
                .description(
                    """
                    语音转文字服务: 上传媒体文件或提供链接创建 Whisper 识别任务, 查询任务与结果。\
                    与原 Whisper Service 接口兼容 (路径、参数名、响应信封)。

                    Speech-to-text service: create Whisper transcription tasks from uploaded media \
                    or a URL, then query tasks and results. Compatible with the original Whisper \
                    Service API (paths, parameter names, response envelopes).
                    """)
                .license(
                    new License()
                        .name("Apache-2.0")
                        .url("https://www.apache.org/licenses/LICENSE-2.0")))
        // Relative: the server that serves this document (springdoc would name the host the
        // request came through, often localhost).
        .servers(List.of(new Server().url("/").description("这个服务 / This service")))
        // No authentication: stated, not forgotten.
        .security(List.of())
        .tags(
            List.of(
                new Tag()
                    .name("Whisper-Tasks")
                    .description("Whisper 语音识别任务 / Whisper speech-to-text tasks"),
                new Tag().name("Health-Check").description("服务健康检查 / Service health check")));
  }
}
