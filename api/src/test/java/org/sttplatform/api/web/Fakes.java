package org.sttplatform.api.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.sqlite.SQLiteDataSource;
import org.sttplatform.api.store.TaskPriority;
import org.sttplatform.api.workflow.TaskWorkflows;
import org.sttplatform.workflows.model.MediaInfo;
import org.sttplatform.workflows.model.TaskProgress;
import org.sttplatform.workflows.model.TranscriptionRequest;

/** Test doubles for the ports the web layer uses. */
final class Fakes {
  private Fakes() {}

  /** Records starts and cancels; can refuse to start or be unreachable. */
  static class Workflows implements TaskWorkflows {
    record Started(TranscriptionRequest request, TaskPriority priority) {}

    final List<Started> started = new CopyOnWriteArrayList<>();
    final List<Long> cancelled = new CopyOnWriteArrayList<>();
    final Map<Long, TaskProgress> progress = new ConcurrentHashMap<>();
    volatile boolean failStart;
    volatile boolean failCancel;
    volatile boolean reachable = true;
    volatile long reachableDelayMillis;

    void reset() {
      reachableDelayMillis = 0;
      started.clear();
      cancelled.clear();
      progress.clear();
      failStart = false;
      failCancel = false;
      reachable = true;
    }

    @Override
    public void start(TranscriptionRequest request, TaskPriority priority) {
      if (failStart) {
        throw new IllegalStateException("UNAVAILABLE: io exception (fake temporal at 10.0.0.1)");
      }
      started.add(new Started(request, priority));
    }

    @Override
    public Optional<TaskProgress> progress(long taskId) {
      return Optional.ofNullable(progress.get(taskId));
    }

    @Override
    public void cancel(long taskId) {
      if (failCancel) {
        throw new IllegalStateException("UNAVAILABLE: io exception (fake temporal at 10.0.0.1)");
      }
      cancelled.add(taskId);
    }

    @Override
    public boolean reachable() {
      if (reachableDelayMillis > 0) {
        try {
          Thread.sleep(reachableDelayMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return reachable;
    }
  }

  /**
   * Files starting with {@code NOTMEDIA} are not media, {@code NOAUDIO} have no audio stream,
   * {@code SECONDS=n;} last n seconds, the rest are 12.5 s of audio.
   */
  static class Inspector implements MediaInspector {
    final List<Path> inspected = new CopyOnWriteArrayList<>();

    @Override
    public MediaInfo inspect(Path file) {
      inspected.add(file);
      String head;
      try {
        byte[] bytes = Files.readAllBytes(file);
        head = new String(bytes, 0, Math.min(bytes.length, 16), StandardCharsets.ISO_8859_1);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      if (head.startsWith("NOTMEDIA")) {
        throw new MediaRejectedException(
            MediaRejectedException.Reason.NOT_MEDIA, "The uploaded file is not a media file");
      }
      if (head.startsWith("NOAUDIO")) {
        throw new MediaRejectedException(
            MediaRejectedException.Reason.NO_AUDIO_STREAM,
            "The uploaded media has no audio stream");
      }
      double seconds = 12.5;
      if (head.startsWith("SECONDS=")) {
        seconds = Double.parseDouble(head.substring(8).replaceAll("[^0-9.].*", ""));
      }
      try {
        return new MediaInfo(seconds, "wav", "pcm_s16le", 16000, 1, Files.size(file));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  static class Model implements ModelReadiness {
    volatile Status status = new Status(true, "Model 'base' is ready");

    @Override
    public Status status() {
      return status;
    }
  }

  /** The fleet table as the workers would have reported it; can hang like an absent service. */
  static class Fleet implements org.sttplatform.api.workflow.FleetDirectory {
    volatile java.util.List<org.sttplatform.workflows.fleet.WorkerReport> reports =
        java.util.List.of();
    volatile long delayMillis;

    @Override
    public java.util.List<org.sttplatform.workflows.fleet.WorkerReport> workers() {
      if (delayMillis > 0) {
        try {
          Thread.sleep(delayMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return reports;
    }
  }

  /** An in-memory SQLite database that can be switched off. */
  static class Database extends DelegatingDataSource {
    volatile boolean down;

    Database() {
      SQLiteDataSource sqlite = new SQLiteDataSource();
      sqlite.setUrl("jdbc:sqlite::memory:");
      setTargetDataSource(sqlite);
    }

    @Override
    public Connection getConnection() throws SQLException {
      if (down) {
        throw new SQLException("Connection refused (fake)");
      }
      return super.getConnection();
    }
  }
}
