package org.sttplatform.workflows.pipeline.component.io;

/**
 * Output of {@code summarize}.
 *
 * @param summary the summary text
 * @param model the model that answered (as the server names it)
 * @param chunks how many pieces the text was summarised in (1 when it fit the context at once)
 */
public record SummarizeOutput(String summary, String model, int chunks) {}
