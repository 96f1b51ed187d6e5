package org.sttplatform.activities.media;

import com.github.kokorin.jaffree.ffmpeg.ProgressListener;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sttplatform.workflows.model.AudioConversion;

/**
 * ffmpeg processes started ahead of time, so that an extraction does not wait for one to start.
 *
 * <p>Why: an ffmpeg start costs 120–155 ms on the project's 2-core VM, two thirds of it in the
 * dynamic loader (Debian's ffmpeg loads 215 shared libraries), which is most of an 11 s MP3 clip's
 * overhead. A warm process has paid that already: it was started with the extraction's own
 * arguments, for an input path that does not exist yet ({@code slot/input}) and a {@code -progress}
 * target that is a named pipe. ffmpeg opens its {@code -progress} target while it parses its global
 * options, before it opens any input, and opening a pipe for writing blocks until a reader opens
 * it. So the process waits there; {@link Slot#start} links the real input to {@code slot/input} and
 * opens the pipe, and ffmpeg goes on exactly as a cold start would (the input is the real, seekable
 * file, so the output is byte-identical). The slot's output is then moved in place.
 *
 * <p>One idle process per kind, started after the kind's first use and replaced after each take; a
 * kind is the input's file extension (ffmpeg's format detection weighs it, so the link has the
 * input's) and whether the input dump of {@link InputDump} is wanted. At most {@link #MAX_KINDS}
 * kinds wait at a time: the one used longest ago makes room. Idle processes are killed by {@link
 * #close}; so are those of a JVM that exits. A process left behind by a killed JVM is released by
 * the next pool of the same host on the same root (normally the restarted worker), and exits at
 * once (its input does not exist). Where named pipes cannot be made ({@code mkfifo} missing),
 * extractions start ffmpeg as before.
 */
public final class WarmFfmpeg implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WarmFfmpeg.class);

  private final FfmpegTools tools;
  private final Path dir;

  /**
   * How many kinds of process may wait at once (an idle ffmpeg is about 47 MB resident, most of it
   * shared libraries).
   */
  static final int MAX_KINDS = 4;

  /** What a warm process is started for. */
  record Kind(String extension, boolean dump) {
    /** The kind of an extraction of {@code input}. */
    static Kind of(Path input, boolean dump) {
      String name = input.getFileName() == null ? "" : input.getFileName().toString();
      int dot = name.lastIndexOf('.');
      String ext = dot > 0 ? name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT) : "";
      // An odd extension (spaces, quotes, very long) gets none: it is only a hint to ffmpeg.
      return new Kind(ext.matches("[a-z0-9]{1,8}") ? ext : "", dump);
    }

    String inputName() {
      return extension.isEmpty() ? "input" : "input." + extension;
    }
  }

  private final Map<Kind, Slot> idle = new java.util.LinkedHashMap<>();
  private final Map<Kind, Boolean> starting = new ConcurrentHashMap<>();
  private final ExecutorService starter =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "ffmpeg-warm-start");
            t.setDaemon(true);
            return t;
          });
  private volatile boolean closed;
  private volatile boolean unavailable;
  private final java.util.concurrent.atomic.AtomicInteger taken =
      new java.util.concurrent.atomic.AtomicInteger();

  /** The pools of this JVM, closed at its exit: an idle process would otherwise wait for ever. */
  private static final Set<WarmFfmpeg> OPEN = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> List.copyOf(OPEN).forEach(WarmFfmpeg::close), "ffmpeg-warm-stop"));
  }

  /** The work folder's sub-folder of the pools' slots ({@link #inWorkRoot}). */
  public static final String DIR_NAME = ".ffmpeg-warm";

  /**
   * The pool of a process whose extractions write under {@code workRoot}'s file system (the CPU
   * worker's task folders, the API's extraction folders): slots in {@code workRoot/.ffmpeg-warm}.
   */
  public static WarmFfmpeg inWorkRoot(FfmpegTools tools, Path workRoot) {
    return new WarmFfmpeg(tools, workRoot.resolve(DIR_NAME));
  }

  /**
   * @param root where the pools keep their slots, one folder per JVM ({@code <host>-<pid>}): on the
   *     file system of the extractions' outputs (an output is moved from its slot); pools of other
   *     machines may share it, and so may other pools of the same JVM
   */
  public WarmFfmpeg(FfmpegTools tools, Path root) {
    this.tools = tools;
    String host = host();
    this.dir = root.resolve(host + "-" + ProcessHandle.current().pid());
    reapDeadJvms(root, host);
    OPEN.add(this);
  }

  private static String host() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "_");
    } catch (java.net.UnknownHostException e) {
      return "localhost";
    }
  }

  /** Reaps the folders under {@code root} of this host's JVMs that are gone. */
  private static void reapDeadJvms(Path root, String host) {
    if (!Files.isDirectory(root)) {
      return;
    }
    String prefix = host + "-";
    try (Stream<Path> folders = Files.list(root)) {
      for (Path folder : folders.toList()) {
        String name = folder.getFileName().toString();
        if (!name.startsWith(prefix)) {
          continue; // another machine's
        }
        try {
          long pid = Long.parseLong(name.substring(prefix.length()));
          if (ProcessHandle.of(pid).isEmpty()) { // this JVM's other pools share its folder
            reap(folder);
          }
        } catch (NumberFormatException notOurs) {
          // not a pool's folder
        }
      }
    } catch (IOException e) {
      log.warn("Cannot clean {}: {}", root, e.getMessage());
    }
  }

  /**
   * A warm process for an extraction of {@code kind}, if one is idle and alive; another is started
   * in the background either way.
   */
  Optional<Slot> take(Kind kind) {
    if (closed || unavailable) {
      return Optional.empty();
    }
    Slot slot;
    synchronized (idle) {
      slot = idle.remove(kind);
    }
    refill(kind);
    if (slot != null && !slot.process.isAlive()) {
      slot.discard();
      return Optional.empty();
    }
    if (slot != null) {
      taken.incrementAndGet();
    }
    return Optional.ofNullable(slot);
  }

  /** How many extractions ran on a warm process (for tests and logs). */
  int taken() {
    return taken.get();
  }

  /** Whether a warm process of the kind waits (for tests). */
  boolean hasIdle(Kind kind) {
    synchronized (idle) {
      return idle.containsKey(kind);
    }
  }

  /** The folder of this pool's slots. */
  Path dir() {
    return dir;
  }

  private void refill(Kind kind) {
    if (starting.putIfAbsent(kind, true) != null) {
      return;
    }
    starter.execute(
        () -> {
          try {
            Slot slot = startSlot(kind);
            if (slot != null) {
              park(kind, slot);
            }
          } finally {
            starting.remove(kind);
          }
        });
  }

  private void park(Kind kind, Slot slot) {
    List<Slot> extra = new ArrayList<>();
    synchronized (idle) {
      if (closed || idle.containsKey(kind)) {
        extra.add(slot);
      } else {
        idle.put(kind, slot);
        java.util.Iterator<Slot> oldest = idle.values().iterator();
        while (idle.size() > MAX_KINDS) {
          extra.add(oldest.next());
          oldest.remove();
        }
      }
    }
    extra.forEach(Slot::discard);
  }

  private Slot startSlot(Kind kind) {
    Path slotDir = dir.resolve(UUID.randomUUID().toString());
    Path pipe = slotDir.resolve("progress");
    try {
      Files.createDirectories(slotDir);
      Process mkfifo =
          new ProcessBuilder("mkfifo", pipe.toString()).redirectErrorStream(true).start();
      String problem = new String(mkfifo.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (mkfifo.waitFor() != 0) {
        throw new IOException("mkfifo: " + problem.strip());
      }
      Path input = slotDir.resolve(kind.inputName());
      Path output = slotDir.resolve("output");
      PromptFFmpeg ffmpeg =
          AudioExtractor.command(tools, input, output, AudioConversion.WHISPER, kind.dump());
      ffmpeg.progressTo(pipe);
      List<String> command = ffmpeg.command();
      Process process = new ProcessBuilder(command).start();
      return new Slot(slotDir, input, output, pipe, process, command);
    } catch (IOException e) {
      unavailable = true;
      log.info("Extractions start ffmpeg when they need it: {}", e.getMessage());
      deleteTree(slotDir);
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      deleteTree(slotDir);
      return null;
    }
  }

  /** Kills the idle processes and removes their slots. */
  @Override
  public void close() {
    OPEN.remove(this);
    closed = true;
    starter.shutdownNow();
    List<Slot> slots;
    synchronized (idle) {
      slots = new ArrayList<>(idle.values());
      idle.clear();
    }
    slots.forEach(Slot::discard);
  }

  /**
   * Releases the processes a killed JVM left waiting in {@code dir}: opening each slot's pipe lets
   * its ffmpeg go on to its (missing) input and exit. Then removes the slots.
   */
  private static void reap(Path dir) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> slots = Files.list(dir)) {
      for (Path slotDir : slots.toList()) {
        Path pipe = slotDir.resolve("progress");
        if (Files.exists(pipe)) {
          // Read and write: opening a pipe so never blocks (Linux), whether or not ffmpeg waits.
          try (FileChannel ignored =
              FileChannel.open(pipe, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            Thread.sleep(20); // time for a waiting ffmpeg to open its end
          } catch (IOException | InterruptedException e) {
            // nobody waited, or it could not be opened: removed below either way
          }
        }
        deleteTree(slotDir);
      }
    } catch (IOException e) {
      log.warn("Cannot clean {}: {}", dir, e.getMessage());
    }
    deleteTree(dir);
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException ignored) {
      // best effort: the next pool on this folder removes what is left
    }
  }

  /**
   * One warm process and its folder: {@code input} (a link made by {@link #start}), {@code output}
   * (what ffmpeg writes) and the {@code progress} pipe.
   */
  static final class Slot {
    private final Path dir;
    private final Path input;
    private final Path output;
    private final Path pipe;
    private final Process process;
    private final List<String> command;

    private Slot(
        Path dir, Path input, Path output, Path pipe, Process process, List<String> command) {
      this.dir = dir;
      this.input = input;
      this.output = output;
      this.pipe = pipe;
      this.process = process;
      this.command = command;
    }

    Process process() {
      return process;
    }

    List<String> command() {
      return command;
    }

    /** Where ffmpeg writes the extraction. */
    Path output() {
      return output;
    }

    /** {@code line} with the slot's paths replaced by those the extraction reports. */
    String unmap(String line, Path realInput, Path realOutput) {
      return line == null
          ? null
          : line.replace(input.toString(), realInput.toString())
              .replace(output.toString(), realOutput.toString());
    }

    /**
     * Lets the process convert {@code realInput}: links it as the slot's input, then opens the
     * progress pipe, so ffmpeg stops waiting (or does not wait, if it has not reached the pipe
     * yet). The pipe is opened for reading and writing: that open never waits, and the pipe never
     * ends early (a reader seeing no writer would end and leave a late ffmpeg waiting for ever).
     * Close the returned reader, which gives ffmpeg's progress to {@code listener}, once ffmpeg
     * exited.
     */
    AutoCloseable start(Path realInput, ProgressListener listener) throws IOException {
      Files.createSymbolicLink(input, realInput.toAbsolutePath());
      FileChannel channel =
          FileChannel.open(pipe, StandardOpenOption.READ, StandardOpenOption.WRITE);
      ProgressPipe reader = new ProgressPipe(channel, listener);
      Thread thread = new Thread(reader, "ffmpeg-progress");
      thread.setDaemon(true);
      thread.start();
      return reader;
    }

    /** Kills the process (if still alive) and removes the folder. */
    void discard() {
      process.destroyForcibly();
      try {
        process.waitFor(); // its files are removed next
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      deleteTree(dir);
    }
  }
}
