package org.sttplatform.definitions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sttplatform.workflows.pipeline.definition.PipelineDefinition;
import org.sttplatform.workflows.pipeline.definition.RetrySpec;
import org.sttplatform.workflows.pipeline.definition.StepSpec;

class OriginalWorkflowMapperTest {

  @Test
  void mapsTheOriginalSchemaToAValidDefinition() throws IOException {
    OriginalMapping m =
        OriginalWorkflowMapper.map(
            Files.readString(Path.of("src/test/resources/examples/original/meeting.json")));
    assertThat(m.problems()).isEmpty();
    assertThat(m.triggerType()).isEqualTo("SCHEDULED");
    assertThat(m.callbackUrl()).isEqualTo("https://hooks.example.com/done");
    PipelineDefinition d = m.definition();
    assertThat(d.id()).isEqualTo("weekly_meeting");
    assertThat(d.description()).isEqualTo("Transcribe the weekly meeting");
    assertThat(d.steps())
        .extracting(StepSpec::id)
        .containsExactly("download_1", "transcribe_1_audio", "transcribe_1", "cool_down");
    StepSpec download = d.steps().get(0);
    assertThat(download.component()).isEqualTo("fetch");
    assertThat(download.params()).isEqualTo(Map.of("url", "https://media.example.com/meeting.mp4"));
    assertThat(download.retry()).isEqualTo(new RetrySpec(4, "5s", 1.0, null, null));
    assertThat(download.timeout()).isEqualTo("2m");
    assertThat(download.delay()).isNull();
    StepSpec transcribe = d.steps().get(2);
    assertThat(transcribe.component()).isEqualTo("transcribe");
    assertThat(transcribe.dependsOn()).containsExactly("download_1");
    assertThat(transcribe.delay()).isEqualTo("10s");
    assertThat(transcribe.condition()).isEqualTo("steps.download_1.status == 'completed'");
    assertThat(transcribe.params())
        .containsEntry("audio", "${steps.transcribe_1_audio.output.audio}")
        .containsEntry("language", "en")
        .containsEntry("options", Map.of("temperature", "0.0,0.2", "note", "costs $${5}"));
    assertThat(d.steps().get(1).params())
        .containsEntry("media", "${steps.download_1.output.media}");
    assertThat(d.steps().get(3).component()).isEqualTo("wait");
    assertThat(d.steps().get(3).params()).containsEntry("duration", "1m30s");
    assertThat(DefinitionValidator.validate(d, TestComponents.REGISTRY)).isEmpty();
  }

  @Test
  void namesWhatCannotBeMapped() {
    String json =
        Defs.q(
            "{'WORKFLOW_NAME':'x','TRIGGER_TYPE':'HOURLY','NOTIFY_ON_COMPLETION':{'channel':'email'},"
                + "'EXTRA':1,'tasks':[{'TASK_ID':'s','COMPONENT':'SummaryComponent','PRIORITY':'HIGH',"
                + "'CONDITION':{'@IF':'true','@THEN':'t2'},'RETRY_POLICY':{'max_retries':-1,'backoff':2}},"
                + "{'TASK_ID':'t','COMPONENT':'transcription','DEPENDENCIES':['s','missing'],'TIMEOUT':'60'}]}");
    OriginalMapping m = OriginalWorkflowMapper.map(json);
    assertThat(m.problems())
        .extracting(Problem::path)
        .containsExactly(
            "$.EXTRA",
            "$.TRIGGER_TYPE",
            "$.NOTIFY_ON_COMPLETION",
            "$.tasks[0].COMPONENT",
            "$.tasks[0].PRIORITY",
            "$.tasks[0].CONDITION['@THEN']",
            "$.tasks[0].RETRY_POLICY.max_retries",
            "$.tasks[0].RETRY_POLICY.backoff",
            "$.tasks[1].DEPENDENCIES[1]",
            "$.tasks[1].DEPENDENCIES",
            "$.tasks[1].TIMEOUT");
    assertThat(m.problems().get(3).message())
        .startsWith("the original component 'SummaryComponent' has no equivalent here");
    assertThat(m.definition().steps().get(0).component()).isEqualTo("SummaryComponent");
  }

  @Test
  void malformedOrEmptyDocuments() {
    assertThat(OriginalWorkflowMapper.map("{").problems().get(0).message())
        .startsWith("malformed JSON at line 1");
    OriginalMapping empty = OriginalWorkflowMapper.map("{}");
    assertThat(empty.triggerType()).isEqualTo("MANUAL");
    assertThat(empty.problems())
        .extracting(Problem::path)
        .containsExactly("$.WORKFLOW_NAME", "$.tasks");
  }

  @Test
  void componentNamesAreMatchedLoosely() {
    assertThat(OriginalTasks.component("DownloadComponent")).isEqualTo("fetch");
    assertThat(OriginalTasks.component("file-download")).isEqualTo("fetch");
    assertThat(OriginalTasks.component("Whisper_Transcription")).isEqualTo("transcribe");
    assertThat(OriginalTasks.component("AudioExtraction")).isEqualTo("extract_audio");
    assertThat(OriginalTasks.component("crawler")).isNull();
  }
}
