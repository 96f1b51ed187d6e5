package org.sttplatform.api.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the envelopes echo about a request: the full URL and its query parameters. Only the query
 * string is read, never the body, so this is safe to call after a failed multipart parse. The
 * values of {@link #SECRET_PARAMETERS} are shown as {@code ***}, in the URL too.
 */
public record RequestInfo(String router, Map<String, Object> queryParams) {

  /** Parameters whose values are secrets (API keys): never echoed. */
  public static final Set<String> SECRET_PARAMETERS = Set.of("chatgpt_api_key");

  /** The URL and query parameters of {@code request}. */
  public static RequestInfo of(HttpServletRequest request) {
    String query = request.getQueryString();
    Map<String, Object> params = new LinkedHashMap<>();
    if (query != null) {
      for (String pair : query.split("&")) {
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        boolean secret = eq >= 0 && SECRET_PARAMETERS.contains(name);
        if (pair.isEmpty()) {
          continue;
        }
        String value = eq < 0 ? "" : secret ? "***" : decode(pair.substring(eq + 1));
        params.merge(name, value, RequestInfo::append);
      }
    }
    String router = request.getRequestURL() + (query == null ? "" : "?" + masked(query));
    return new RequestInfo(router, params);
  }

  /** {@code query} with the values of {@link #SECRET_PARAMETERS} replaced by {@code ***}. */
  public static String masked(String query) {
    if (query == null) {
      return null;
    }
    List<String> shown = new ArrayList<>();
    // split(-1) and join give back the exact query when nothing is masked.
    for (String pair : query.split("&", -1)) {
      int eq = pair.indexOf('=');
      boolean secret = eq >= 0 && SECRET_PARAMETERS.contains(decode(pair.substring(0, eq)));
      shown.add(secret ? pair.substring(0, eq + 1) + "***" : pair);
    }
    return String.join("&", shown);
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  @SuppressWarnings("unchecked")
  private static Object append(Object existing, Object added) {
    List<Object> list = new ArrayList<>();
    if (existing instanceof List<?> l) {
      list.addAll((List<Object>) l);
    } else {
      list.add(existing);
    }
    list.add(added);
    return list;
  }
}
