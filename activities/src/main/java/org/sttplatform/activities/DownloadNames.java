package org.sttplatform.activities;

import java.net.URLDecoder;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Response;

/**
 * The name a download is stored under: the server's Content-Disposition file name or the URL's last
 * path segment, with a media extension from a specific Content-Type when the name lacks one.
 */
final class DownloadNames {
  private static final Pattern SAFE_EXTENSION = Pattern.compile("[a-z0-9]{1,5}");

  /** Content types that say nothing about the media. */
  private static final Set<String> GENERIC_TYPES =
      Set.of(
          "application/octet-stream",
          "binary/octet-stream",
          "application/binary",
          "application/x-download",
          "application/download",
          "application/force-download");

  private static final Map<String, String> EXTENSIONS =
      Map.ofEntries(
          Map.entry("audio/mpeg", ".mp3"),
          Map.entry("audio/mp3", ".mp3"),
          Map.entry("audio/wav", ".wav"),
          Map.entry("audio/wave", ".wav"),
          Map.entry("audio/x-wav", ".wav"),
          Map.entry("audio/vnd.wave", ".wav"),
          Map.entry("audio/flac", ".flac"),
          Map.entry("audio/x-flac", ".flac"),
          Map.entry("audio/ogg", ".ogg"),
          Map.entry("audio/opus", ".opus"),
          Map.entry("audio/webm", ".webm"),
          Map.entry("audio/aac", ".aac"),
          Map.entry("audio/mp4", ".m4a"),
          Map.entry("audio/x-m4a", ".m4a"),
          Map.entry("audio/3gpp", ".3gp"),
          Map.entry("audio/amr", ".amr"),
          Map.entry("audio/x-ms-wma", ".wma"),
          Map.entry("video/mp4", ".mp4"),
          Map.entry("video/webm", ".webm"),
          Map.entry("video/ogg", ".ogv"),
          Map.entry("video/quicktime", ".mov"),
          Map.entry("video/x-matroska", ".mkv"),
          Map.entry("video/x-msvideo", ".avi"),
          Map.entry("video/mpeg", ".mpg"),
          Map.entry("video/mp2t", ".ts"),
          Map.entry("video/3gpp", ".3gp"),
          Map.entry("video/x-flv", ".flv"),
          Map.entry("video/x-ms-wmv", ".wmv"));

  private DownloadNames() {}

  /** Content-Disposition file name, else the last URL path segment, else {@code media}. */
  static String fileName(Response response, HttpUrl original) {
    String disposition = dispositionFileName(response.header("Content-Disposition"));
    if (disposition != null) {
      return DataLayout.sanitizeFileName(disposition);
    }
    for (HttpUrl url : List.of(response.request().url(), original)) {
      List<String> segments = url.pathSegments();
      String last = segments.isEmpty() ? "" : segments.get(segments.size() - 1);
      if (!last.isBlank()) {
        return DataLayout.sanitizeFileName(last);
      }
    }
    return "media";
  }

  private static final Pattern DISPOSITION_EXT =
      Pattern.compile("(?i)filename\\*\\s*=\\s*([^']*)'[^']*'([^;]+)");
  private static final Pattern DISPOSITION_QUOTED =
      Pattern.compile("(?i)filename\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern DISPOSITION_TOKEN =
      Pattern.compile("(?i)filename\\s*=\\s*([^;\\s]+)");

  static String dispositionFileName(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    Matcher m = DISPOSITION_EXT.matcher(header);
    if (m.find()) {
      try {
        String charset = m.group(1).isBlank() ? "UTF-8" : m.group(1).strip();
        String name = URLDecoder.decode(m.group(2).strip().replace("+", "%2B"), charset);
        if (!name.isBlank()) {
          return name;
        }
      } catch (IllegalArgumentException | java.io.UnsupportedEncodingException ignored) {
        // fall through to the plain parameter
      }
    }
    m = DISPOSITION_QUOTED.matcher(header);
    if (m.find() && !m.group(1).isBlank()) {
      return m.group(1).replaceAll("\\\\(.)", "$1");
    }
    m = DISPOSITION_TOKEN.matcher(header);
    if (m.find() && !m.group(1).isBlank()) {
      return m.group(1);
    }
    return null;
  }

  /**
   * The extension of the stored file: from a specific Content-Type, unless the name already has a
   * media extension; from the name when the type is missing or generic.
   */
  static String extension(String fileName, MediaType contentType) {
    String nameExt = "";
    int dot = fileName.lastIndexOf('.');
    if (dot > 0) {
      String e = fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
      if (SAFE_EXTENSION.matcher(e).matches()) {
        nameExt = "." + e;
      }
    }
    String typeExt = null;
    if (contentType != null) {
      String type = (contentType.type() + "/" + contentType.subtype()).toLowerCase(Locale.ROOT);
      if (!GENERIC_TYPES.contains(type)) {
        typeExt = EXTENSIONS.get(type);
      }
    }
    if (typeExt == null) {
      return nameExt;
    }
    if (EXTENSIONS.containsValue(nameExt)) {
      return nameExt;
    }
    return typeExt;
  }
}
