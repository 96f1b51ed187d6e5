package org.sttplatform.api.temporal;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import java.nio.file.Path;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.sttplatform.activities.media.MediaProbe;
import org.sttplatform.activities.media.MediaProblem;
import org.sttplatform.api.callback.CallbackActivitiesImpl;
import org.sttplatform.api.config.SttProperties;
import org.sttplatform.api.store.RunStoreActivitiesImpl;
import org.sttplatform.api.store.TaskStoreActivitiesImpl;
import org.sttplatform.api.web.MediaInspector;
import org.sttplatform.api.web.MediaRejectedException;
import org.sttplatform.api.web.ModelReadiness;
import org.sttplatform.api.workflow.CallbackDeliveries;
import org.sttplatform.api.workflow.FleetDirectory;
import org.sttplatform.api.workflow.PipelineRuns;
import org.sttplatform.api.workflow.TaskWorkflows;
import org.sttplatform.gpu.model.ModelStatus;
import org.sttplatform.workflows.Failures;

/** Wires Temporal, the hosted workers and the worker-side checks the REST layer uses. */
@Configuration(proxyBeanMethods = false)
class TemporalConfiguration {

  @Bean(destroyMethod = "close")
  TemporalConnection temporalConnection(SttProperties properties) {
    return TemporalConnection.open(properties.temporal());
  }

  @Bean
  WorkflowClient workflowClient(TemporalConnection connection, SttProperties properties) {
    return WorkflowClient.newInstance(
        connection.stubs(),
        WorkflowClientOptions.newBuilder().setNamespace(properties.temporal().namespace()).build());
  }

  @Bean
  TaskWorkflows taskWorkflows(WorkflowClient client, TemporalConnection connection) {
    return new TemporalTaskWorkflows(client, connection.embedded());
  }

  @Bean
  HostedWorkers hostedWorkers(
      WorkflowClient client,
      SttProperties properties,
      TaskStoreActivitiesImpl storeActivities,
      RunStoreActivitiesImpl runStoreActivities,
      CallbackActivitiesImpl callbackActivities) {
    return new HostedWorkers(
        client, properties, storeActivities, runStoreActivities, callbackActivities);
  }

  @Bean
  CallbackDeliveries callbackDeliveries(WorkflowClient client) {
    return new TemporalCallbackDeliveries(client);
  }

  @Bean
  FleetDirectory fleetDirectory(WorkflowClient client) {
    return new TemporalFleetDirectory(client);
  }

  @Bean
  PipelineRuns pipelineRuns(WorkflowClient client) {
    return new TemporalPipelineRuns(client);
  }

  @Bean
  MediaInspector mediaInspector() {
    MediaProbe probe = new MediaProbe();
    return (Path file) -> {
      try {
        return probe.probe(file);
      } catch (MediaProblem problem) {
        MediaRejectedException.Reason reason =
            Failures.NO_AUDIO_STREAM.equals(problem.type())
                ? MediaRejectedException.Reason.NO_AUDIO_STREAM
                : MediaRejectedException.Reason.NOT_MEDIA;
        throw new MediaRejectedException(reason, problem.getMessage(), problem);
      }
    };
  }

  @Bean
  ModelReadiness modelReadiness(HostedWorkers workers) {
    return () ->
        workers
            .gpu()
            .map(
                gpu -> {
                  ModelStatus status = gpu.defaultModelStatus();
                  return new ModelReadiness.Status(status.usable(), status.message());
                })
            .orElse(
                new ModelReadiness.Status(
                    true, "Transcription runs on separate workers (STT_GPU_WORKER=false)"));
  }
}
