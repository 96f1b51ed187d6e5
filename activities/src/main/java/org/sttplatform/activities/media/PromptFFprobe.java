package org.sttplatform.activities.media;

import com.github.kokorin.jaffree.ffprobe.FFprobe;
import com.github.kokorin.jaffree.ffprobe.FFprobeResult;
import com.github.kokorin.jaffree.ffprobe.Input;
import com.github.kokorin.jaffree.ffprobe.data.FormatParser;
import com.github.kokorin.jaffree.ffprobe.data.JsonFormatParser;
import com.github.kokorin.jaffree.process.ProcessHelper;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Jaffree's {@link FFprobe} run by a {@link PromptProcessHandler}: same arguments and JSON parsing,
 * without the fixed 100 ms wait after ffprobe exits. {@link #execute} does what {@code
 * FFprobe.execute} does in Jaffree 2023.09.10 with the other handler (the input and parser fields
 * are private, so they are recorded on the way in).
 */
final class PromptFFprobe extends FFprobe {

  private final Path executable;
  private Input input;
  private FormatParser formatParser = new JsonFormatParser();

  private PromptFFprobe(Path executable) {
    super(executable);
    this.executable = executable;
  }

  /** As {@link FFprobe#atPath(Path)}: {@code ffprobe} in {@code binDir}, or on the PATH if null. */
  static PromptFFprobe inDir(Path binDir) {
    return new PromptFFprobe(binDir != null ? binDir.resolve("ffprobe") : Paths.get("ffprobe"));
  }

  @Override
  public FFprobe setInput(Input input) {
    this.input = input;
    return super.setInput(input);
  }

  @Override
  public FFprobe setFormatParser(FormatParser parser) {
    this.formatParser = parser;
    return super.setFormatParser(parser);
  }

  @Override
  public FFprobeResult execute() {
    List<ProcessHelper> helpers = new ArrayList<>();
    if (input != null) {
      ProcessHelper helper = input.helperThread();
      if (helper != null) {
        helpers.add(helper);
      }
    }
    return new PromptProcessHandler<FFprobeResult>(executable, null)
        .setStdOutReader(createStdOutReader(formatParser))
        .setStdErrReader(createStdErrReader())
        .setHelpers(helpers)
        .setArguments(buildArguments())
        .execute();
  }
}
