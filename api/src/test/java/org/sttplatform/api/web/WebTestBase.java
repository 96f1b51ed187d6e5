package org.sttplatform.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.junit.jupiter.SpringExtension;
import org.sttplatform.api.config.SttProperties;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the web layer on a real Tomcat port (so multipart parsing and its limits are Tomcat's) and
 * talks to it with {@link HttpClient}. All test classes share one context: 64KB upload limit, query
 * max-limit 50.
 */
// Marks this as a test class for Spring Boot's TypeExcludeFilter, so full-application tests
// that scan org.sttplatform.api do not pick up the nested App.
@ExtendWith(SpringExtension.class)
@SpringBootTest(
    classes = WebTestBase.App.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "stt.upload.max-size=64KB",
      "stt.query.max-limit=50",
      "stt.public-url=",
      "stt.health.timeout=1s",
      // Whatever the machine's environment says: no LLM key (the summary tests need none).
      "stt.worker-env[STT_LLM_API_KEY]=",
      "stt.cors.origins=https://app.example.com, http://localhost:3000"
    })
abstract class WebTestBase {
  static final Path DATA_DIR;

  static {
    try {
      DATA_DIR = Files.createTempDirectory("stt-web-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) {
    registry.add("stt.data-dir", DATA_DIR::toString);
  }

  @LocalServerPort int port;
  @Autowired InMemoryTaskStore store;
  @Autowired Fakes.Workflows workflows;
  @Autowired Fakes.Inspector inspector;
  @Autowired Fakes.Model model;
  @Autowired Fakes.Database database;
  @Autowired InMemorySummaryStore summaryStore;
  @Autowired InMemoryCrawledPostStore crawledPosts;
  @Autowired Fakes.Fleet fleet;

  @BeforeEach
  void resetFakes() {
    store.reset();
    summaryStore.reset();
    crawledPosts.rows.clear();
    workflows.reset();
    inspector.inspected.clear();
    model.status = new ModelReadiness.Status(true, "Model 'base' is ready");
    database.down = false;
    fleet.reports = java.util.List.of();
    fleet.delayMillis = 0;
    for (Path dir : uploadDirs()) {
      org.springframework.util.FileSystemUtils.deleteRecursively(dir.toFile());
    }
  }

  String url(String pathAndQuery) {
    return "http://localhost:" + port + pathAndQuery;
  }

  /** A response with its parsed JSON body (null if the body is not JSON). */
  record Reply(int status, Map<String, List<String>> headers, String body, JsonNode json) {
    JsonNode detail() {
      return json.get("detail");
    }

    JsonNode data() {
      return json.get("data");
    }

    List<String> fieldNames(JsonNode node) {
      return new ArrayList<>(node.propertyNames());
    }
  }

  Reply send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> r =
          HTTP.send(
              request.timeout(Duration.ofSeconds(20)).build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      JsonNode json = null;
      String ct = r.headers().firstValue("Content-Type").orElse("");
      if (ct.contains("json") && !r.body().isEmpty()) {
        json = JSON.readTree(r.body());
      }
      return new Reply(r.statusCode(), r.headers().map(), r.body(), json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Reply get(String path) {
    return send(HttpRequest.newBuilder(URI.create(url(path))).GET());
  }

  Reply delete(String path) {
    return send(HttpRequest.newBuilder(URI.create(url(path))).DELETE());
  }

  Reply postEmpty(String path) {
    return send(
        HttpRequest.newBuilder(URI.create(url(path))).POST(HttpRequest.BodyPublishers.noBody()));
  }

  Reply postJson(String path, String json) {
    return send(
        HttpRequest.newBuilder(URI.create(url(path)))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  /** POST multipart/form-data: text fields, then optionally a file part {@code file_upload}. */
  Reply postMultipart(String path, Map<String, String> fields, String fileName, byte[] content) {
    return postMultipart(path, fields, "file_upload", fileName, content);
  }

  Reply postMultipart(
      String path, Map<String, String> fields, String fileField, String fileName, byte[] content) {
    String boundary = "----stt" + UUID.randomUUID();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      for (Map.Entry<String, String> f : fields.entrySet()) {
        out.write(
            ("--"
                    + boundary
                    + "\r\nContent-Disposition: form-data; name=\""
                    + f.getKey()
                    + "\"\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        out.write(f.getValue().getBytes(StandardCharsets.UTF_8));
        out.write("\r\n".getBytes(StandardCharsets.UTF_8));
      }
      if (fileName != null) {
        out.write(
            ("--"
                    + boundary
                    + "\r\nContent-Disposition: form-data; name=\""
                    + fileField
                    + "\"; filename=\""
                    + fileName
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        out.write(content);
        out.write("\r\n".getBytes(StandardCharsets.UTF_8));
      }
      out.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return send(
        HttpRequest.newBuilder(URI.create(url(path)))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())));
  }

  static String query(Map<String, String> params) {
    StringBuilder sb = new StringBuilder();
    params.forEach(
        (k, v) ->
            sb.append(sb.isEmpty() ? "?" : "&")
                .append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return sb.toString();
  }

  static Map<String, String> map(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  /** Upload directories currently on disk (excluding the multipart staging directory). */
  static List<Path> uploadDirs() {
    Path uploads = DATA_DIR.resolve("uploads");
    if (!Files.isDirectory(uploads)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(uploads)) {
      return s.filter(p -> !p.getFileName().toString().equals(".incoming")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Asserts the seed's error envelope with this status and message. */
  static void assertError(Reply r, int status, String messagePart) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.json()).as(r.body()).isNotNull();
    JsonNode d = r.detail();
    assertThat(d).as(r.body()).isNotNull();
    assertThat(r.fieldNames(d))
        .as(r.body())
        .startsWith("code", "message", "time", "router", "params");
    assertThat(d.get("code").asInt()).isEqualTo(status);
    assertThat(d.get("message").asString()).as(r.body()).contains(messagePart);
    assertThat(d.get("time").asString())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
  }

  /**
   * The web layer alone: its package plus web auto-configuration, with in-memory fakes for the task
   * store, workflows, media inspection and model readiness. No database migrations, no Temporal.
   * Nested in a test class so that full-application scans in other tests skip it.
   */
  @SpringBootConfiguration
  @EnableAutoConfiguration(
      exclude = {DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class})
  @EnableConfigurationProperties(SttProperties.class)
  @ComponentScan(
      basePackageClasses = TaskController.class,
      excludeFilters =
          @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class))
  static class App {
    @Bean
    InMemoryTaskStore taskStore() {
      return new InMemoryTaskStore();
    }

    @Bean
    org.sttplatform.storage.FileStore fileStore(SttProperties properties) {
      return new org.sttplatform.storage.LocalFileStore(properties.dataDir());
    }

    @Bean
    InMemorySummaryStore summaryStore() {
      return new InMemorySummaryStore();
    }

    @Bean
    InMemoryCrawledPostStore crawledPostStore() {
      return new InMemoryCrawledPostStore();
    }

    @Bean
    Fakes.Workflows taskWorkflows() {
      return new Fakes.Workflows();
    }

    @Bean
    org.sttplatform.api.workflow.CallbackDeliveries callbackDeliveries() {
      return taskId -> {
        throw new UnsupportedOperationException("no callbacks in web tests");
      };
    }

    @Bean
    org.sttplatform.api.callback.CallbackSettings callbackSettings(SttProperties properties) {
      return new org.sttplatform.api.callback.CallbackSettings(properties);
    }

    @Bean
    Fakes.Inspector mediaInspector() {
      return new Fakes.Inspector();
    }

    @Bean
    Fakes.Model modelReadiness() {
      return new Fakes.Model();
    }

    @Bean
    Fakes.Fleet fleetDirectory() {
      return new Fakes.Fleet();
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
}
