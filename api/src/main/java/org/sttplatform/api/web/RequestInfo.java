package org.sttplatform.api.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the envelopes echo about a request: the full URL and its query parameters. Only the query
 * string is read, never the body, so this is safe to call after a failed multipart parse.
 */
public record RequestInfo(String router, Map<String, Object> queryParams) {

  /** The URL and query parameters of {@code request}. */
  public static RequestInfo of(HttpServletRequest request) {
    String query = request.getQueryString();
    String router = request.getRequestURL() + (query == null ? "" : "?" + query);
    Map<String, Object> params = new LinkedHashMap<>();
    if (query != null) {
      for (String pair : query.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        params.merge(name, value, RequestInfo::append);
      }
    }
    return new RequestInfo(router, params);
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
