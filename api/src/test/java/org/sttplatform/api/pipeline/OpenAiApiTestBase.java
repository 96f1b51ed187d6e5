package org.sttplatform.api.pipeline;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.audio.AudioResponseFormat;
import com.openai.models.audio.transcriptions.TranscriptionCreateParams;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;

/**
 * The OpenAI-compatible API with the official OpenAI Java SDK as the client, against the running
 * service (embedded Temporal, real workers, generated micro model: the text is nonsense, so the
 * answers are checked for shape and against the task each request created).
 *
 * <p>The base of the OpenAI API tests: an SDK client for the service, and a transcription request
 * of its speech clip.
 */
abstract class OpenAiApiTestBase extends PipelineAppTestBase {
  OpenAIClient client;

  @BeforeEach
  void client() {
    client =
        OpenAIOkHttpClient.builder()
            .baseUrl("http://localhost:" + port + "/v1")
            .apiKey("any-key")
            .maxRetries(0)
            .timeout(Duration.ofSeconds(120))
            .build();
  }

  TranscriptionCreateParams.Builder transcription(AudioResponseFormat format) {
    return TranscriptionCreateParams.builder()
        .file(speech)
        .model("whisper-1")
        .responseFormat(format);
  }
}
