package org.sttplatform.activities.crawl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;

/**
 * A local stand-in for one platform host: routes by path to fixture pages (from {@code
 * src/test/resources/crawl/}, with {@code {{HOST}}} replaced by this server's host and port, and
 * {@code {{MEDIA}}} by a media file name), redirects and media files; records every request.
 */
public final class FixtureServer implements AutoCloseable {
  private final MockWebServer server = new MockWebServer();
  private final Map<String, Function<RecordedRequest, MockResponse>> routes =
      new ConcurrentHashMap<>();
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

  public FixtureServer() throws IOException {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            requests.add(request);
            String path = request.getUrl().encodedPath();
            Function<RecordedRequest, MockResponse> route = routes.get(path);
            return route == null
                ? new MockResponse.Builder().code(404).body("no fixture for " + path).build()
                : route.apply(request);
          }
        });
    server.start();
  }

  /** {@code 127.0.0.1:<port>}. */
  public String host() {
    return server.getHostName() + ":" + server.getPort();
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String base() {
    return "http://" + host();
  }

  public String url(String path) {
    return base() + path;
  }

  /** Answers {@code path} (without the query) with {@code route}. */
  public FixtureServer route(String path, Function<RecordedRequest, MockResponse> route) {
    routes.put(path, route);
    return this;
  }

  /**
   * Answers {@code path} with the fixture {@code name}, its {@code {{MEDIA}}} being {@code media}.
   */
  public FixtureServer page(String path, String name, String media) {
    return route(path, r -> html(fixture(name, media)));
  }

  /** A redirect of {@code path} to {@code location} ({@code {{HOST}}} replaced). */
  public FixtureServer redirect(String path, int code, String location) {
    return route(
        path,
        r ->
            new MockResponse.Builder()
                .code(code)
                .addHeader("Location", location.replace("{{HOST}}", host()))
                .build());
  }

  /** The fixture {@code name} with this server's host, and {@code media} for {@code {{MEDIA}}}. */
  public String fixture(String name, String media) {
    try (InputStream in = FixtureServer.class.getResourceAsStream("/crawl/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace("{{HOST}}", host())
          .replace("{{MEDIA}}", media == null ? "media.mp4" : media);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static MockResponse html(String body) {
    return new MockResponse.Builder()
        .addHeader("Content-Type", "text/html; charset=utf-8")
        .body(body)
        .build();
  }

  public static MockResponse json(String body) {
    return new MockResponse.Builder()
        .addHeader("Content-Type", "application/json; charset=utf-8")
        .body(body)
        .build();
  }

  /** The bytes of {@code file} as {@code type}. */
  public static MockResponse file(Path file, String type) {
    try {
      return new MockResponse.Builder()
          .addHeader("Content-Type", type)
          .body(new Buffer().write(Files.readAllBytes(file)))
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static MockResponse status(int code) {
    return new MockResponse.Builder().code(code).body("HTTP " + code).build();
  }

  /** Forgets the requests recorded so far (for a server shared by several tests). */
  public void clearRequests() {
    requests.clear();
  }

  public List<RecordedRequest> requests() {
    return requests;
  }

  /** The requests whose path is {@code path}. */
  public List<RecordedRequest> requests(String path) {
    return requests.stream().filter(r -> r.getUrl().encodedPath().equals(path)).toList();
  }

  @Override
  public void close() {
    server.close();
  }
}
