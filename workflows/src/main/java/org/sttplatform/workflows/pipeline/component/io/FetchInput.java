package org.sttplatform.workflows.pipeline.component.io;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;
import org.sttplatform.workflows.model.CrawledSource;

/**
 * Input of {@code fetch}.
 *
 * @param workspace the run's working folder key
 * @param url the media URL
 * @param headers request headers to send (e.g. the Referer a CDN requires), or {@code null}
 * @param source the crawled post the URL came from ({@code crawl}'s {@code source} output), or
 *     {@code null}: its headers are sent too, and an expired URL (403/410) is crawled again once
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FetchInput(
    String workspace, String url, Map<String, String> headers, CrawledSource source) {

  /** A plain download. */
  public FetchInput(String workspace, String url) {
    this(workspace, url, null, null);
  }
}
