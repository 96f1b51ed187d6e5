package org.sttplatform.activities.media;

import com.github.kokorin.jaffree.ffmpeg.FFmpeg;
import com.github.kokorin.jaffree.ffmpeg.FFmpegResult;
import com.github.kokorin.jaffree.ffmpeg.Input;
import com.github.kokorin.jaffree.ffmpeg.OutputListener;
import com.github.kokorin.jaffree.ffmpeg.ProgressListener;
import com.github.kokorin.jaffree.process.ProcessHandler;
import com.github.kokorin.jaffree.process.ProcessHelper;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Jaffree's {@link FFmpeg} run by a {@link PromptProcessHandler}: same arguments, listeners and
 * result, without the fixed 100 ms wait after ffmpeg exits. {@link #createProcessHandler} builds
 * the handler exactly as {@code FFmpeg.createProcessHandler} does in Jaffree 2023.09.10 (its fields
 * are private, so the configuration is recorded on the way in).
 */
final class PromptFFmpeg extends FFmpeg {

  private final Path executable;
  private final List<Input> inputs = new ArrayList<>();
  private final List<com.github.kokorin.jaffree.ffmpeg.Output> outputs = new ArrayList<>();
  private ProgressListener progressListener;
  private OutputListener outputListener;
  private String contextName;
  private Integer executorTimeoutMillis;
  private WarmFfmpeg.Slot warm;

  private PromptFFmpeg(Path executable) {
    super(executable);
    this.executable = executable;
  }

  /** As {@link FFmpeg#atPath(Path)}: {@code ffmpeg} in {@code binDir}, or on the PATH if null. */
  static PromptFFmpeg inDir(Path binDir) {
    return new PromptFFmpeg(binDir != null ? binDir.resolve("ffmpeg") : Paths.get("ffmpeg"));
  }

  /** ffmpeg's {@code -progress} goes to {@code target} (a warm process's pipe), not to a socket. */
  PromptFFmpeg progressTo(Path target) {
    setProgress(target.toString());
    return this;
  }

  /** The command line: the executable and the arguments. */
  List<String> command() {
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    command.addAll(buildArguments());
    return command;
  }

  /**
   * Runs {@code slot}'s process instead of starting one. It was started with its own arguments, so
   * inputs, outputs and a progress listener added here are ignored ({@link WarmFfmpeg.Slot#start}
   * reads its progress).
   */
  PromptFFmpeg attach(WarmFfmpeg.Slot slot) {
    this.warm = slot;
    return this;
  }

  @Override
  public FFmpeg addInput(Input input) {
    inputs.add(input);
    return super.addInput(input);
  }

  @Override
  public FFmpeg addOutput(com.github.kokorin.jaffree.ffmpeg.Output output) {
    outputs.add(output);
    return super.addOutput(output);
  }

  @Override
  public FFmpeg setProgressListener(ProgressListener listener) {
    this.progressListener = listener;
    return super.setProgressListener(listener);
  }

  @Override
  public FFmpeg setOutputListener(OutputListener listener) {
    this.outputListener = listener;
    return super.setOutputListener(listener);
  }

  @Override
  public FFmpeg setContextName(String name) {
    this.contextName = name;
    return super.setContextName(name);
  }

  @Override
  public FFmpeg setExecutorTimeoutMillis(int millis) {
    this.executorTimeoutMillis = millis;
    return super.setExecutorTimeoutMillis(millis);
  }

  @Override
  protected ProcessHandler<FFmpegResult> createProcessHandler() {
    if (warm != null) {
      PromptProcessHandler<FFmpegResult> handler =
          new PromptProcessHandler<>(executable, contextName);
      handler
          .setStdErrReader(createStdErrReader(outputListener))
          .setStdOutReader(createStdOutReader())
          .setHelpers(List.of())
          .setArguments(warm.command().subList(1, warm.command().size()));
      handler.runStarted(warm.process());
      if (executorTimeoutMillis != null) {
        handler.setExecutorTimeoutMillis(executorTimeoutMillis);
      }
      return handler;
    }
    List<ProcessHelper> helpers = new ArrayList<>();
    for (Input input : inputs) {
      ProcessHelper helper = input.helperThread();
      if (helper != null) {
        helpers.add(helper);
      }
    }
    for (com.github.kokorin.jaffree.ffmpeg.Output output : outputs) {
      ProcessHelper helper = output.helperThread();
      if (helper != null) {
        helpers.add(helper);
      }
    }
    ProcessHelper progress = createProgressHelper(progressListener);
    if (progress != null) {
      helpers.add(progress);
    }
    PromptProcessHandler<FFmpegResult> handler =
        new PromptProcessHandler<>(executable, contextName);
    handler
        .setStdErrReader(createStdErrReader(outputListener))
        .setStdOutReader(createStdOutReader())
        .setHelpers(helpers)
        .setArguments(buildArguments());
    if (executorTimeoutMillis != null) {
      handler.setExecutorTimeoutMillis(executorTimeoutMillis);
    }
    return handler;
  }
}
