package org.sttplatform.api.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The failover times that {@link WorkerFailoverTest} measured, as Markdown. */
final class FailoverReport {
  private FailoverReport() {}

  /** Writes the report to {@code file} if it is set, and always prints it. */
  static void write(Map<String, List<Duration>> times, String file) throws IOException {
    StringBuilder md = new StringBuilder();
    md.append("# Failover: signal → the task's step running on another worker\n\n");
    md.append("Measured ").append(Instant.now()).append(" by WorkerFailoverTest on ");
    md.append(Runtime.getRuntime().availableProcessors()).append(" cores.\n\n");
    md.append("| stopped worker | runs | median | max | each (s) |\n|---|---|---|---|---|\n");
    for (Map.Entry<String, List<Duration>> e : times.entrySet()) {
      List<Duration> sorted = new ArrayList<>(e.getValue());
      sorted.sort(null);
      md.append("| ")
          .append(e.getKey())
          .append(" | ")
          .append(sorted.size())
          .append(" | ")
          .append(seconds(median(sorted)))
          .append(" s | ")
          .append(seconds(sorted.get(sorted.size() - 1)))
          .append(" s | ")
          .append(
              e.getValue().stream().map(FailoverReport::seconds).collect(Collectors.joining(", ")))
          .append(" |\n");
    }
    System.out.println(md);
    if (file != null && !file.isBlank()) {
      Path out = Path.of(file);
      if (out.getParent() != null) {
        Files.createDirectories(out.getParent());
      }
      Files.writeString(out, md, StandardCharsets.UTF_8);
    }
  }

  private static Duration median(List<Duration> sorted) {
    int n = sorted.size();
    return n % 2 == 1
        ? sorted.get(n / 2)
        : sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2);
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.2f", d.toMillis() / 1000.0);
  }
}
