package org.sttplatform.definitions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every example in docs/definitions.md is a file the tests validate: a block marked {@code <!--
 * file: PATH -->} must equal that file, one marked {@code <!-- problems: PATH -->} must list the
 * validator's problems for it.
 */
class DocsExamplesTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern BLOCK =
      Pattern.compile("<!-- (file|problems): (\\S+) -->\\s*```\\w*\\n(.*?)```", Pattern.DOTALL);

  @Test
  void everyExampleIsAValidatedFile() throws IOException {
    String doc = Files.readString(ROOT.resolve("docs/definitions.md"));
    Matcher m = BLOCK.matcher(doc);
    List<String> files = new ArrayList<>();
    while (m.find()) {
      Path file = ROOT.resolve(m.group(2));
      String text = Files.readString(file);
      if (m.group(1).equals("file")) {
        assertThat(m.group(3).strip()).as(m.group(2)).isEqualTo(text.strip());
      } else {
        String problems =
            DefinitionValidator.validate(text, TestComponents.REGISTRY).problems().stream()
                .map(Problem::toString)
                .collect(Collectors.joining("\n"));
        assertThat(m.group(3).strip()).as("problems of " + m.group(2)).isEqualTo(problems);
      }
      files.add(m.group(2));
    }
    // Every JSON code block in the document is one of the checked ones.
    int jsonBlocks = doc.split("```json", -1).length - 1;
    assertThat(files).hasSizeGreaterThanOrEqualTo(jsonBlocks);
    assertThat(files)
        .contains(
            "definitions/src/main/resources/definitions/transcribe.json",
            "definitions/src/main/resources/definitions/url_batch.json",
            "definitions/src/test/resources/examples/notify.json",
            "definitions/src/test/resources/examples/five_problems.json");
  }
}
