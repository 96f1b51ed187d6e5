package org.sttplatform.api.callback;

import java.util.Map;
import org.springframework.stereotype.Component;
import org.sttplatform.activities.CpuWorkerSettings;
import org.sttplatform.api.config.SttProperties;
import org.sttplatform.api.temporal.HostedWorkers;
import org.sttplatform.api.web.TaskUrls;

/**
 * Callback settings of the API nodes, read like the hosted workers' ({@code stt.worker-env}, else
 * the environment): {@code STT_CALLBACK_SECRET} signs deliveries and checks {@code callback/test}'s
 * signatures (never logged or echoed), {@code STT_FETCH_ALLOW_PRIVATE_NETWORKS} lets callbacks
 * reach private addresses, {@code STT_PUBLIC_URL} gives the body its {@code output_url}. The retry
 * window ({@code STT_CALLBACK_RETRY_WINDOW}) is the CPU workers' setting: they run the delivery
 * workflow.
 */
@Component
public class CallbackSettings {
  /** The signing secret's variable. */
  public static final String SECRET = "STT_CALLBACK_SECRET";

  private final String secret;
  private final boolean allowPrivateNetworks;
  private final String publicUrl;

  public CallbackSettings(SttProperties properties) {
    Map<String, String> env = HostedWorkers.workerEnvironment(properties);
    String s = env.get(SECRET);
    this.secret = s == null || s.isEmpty() ? null : s;
    this.allowPrivateNetworks = CpuWorkerSettings.allowPrivateNetworks(env);
    this.publicUrl = properties.publicUrl();
  }

  /** The signing secret, or {@code null}: deliveries are not signed. */
  String secret() {
    return secret;
  }

  /**
   * Whether {@code signature} signs {@code body} with the configured secret, or {@code null} when
   * no secret is configured.
   */
  public Boolean verify(String signature, byte[] body) {
    return secret == null ? null : CallbackSignature.verify(secret, signature, body);
  }

  boolean allowPrivateNetworks() {
    return allowPrivateNetworks;
  }

  /** {@code <STT_PUBLIC_URL>/api/whisper/tasks/result?task_id=<id>}, or {@code null} if unset. */
  String outputUrl(long taskId) {
    if (publicUrl == null || publicUrl.isBlank()) {
      return null;
    }
    return TaskUrls.resultUrl(publicUrl, taskId);
  }
}
