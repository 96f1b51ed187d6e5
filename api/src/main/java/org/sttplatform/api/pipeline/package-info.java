/**
 * The pipeline REST API under {@code /api/workflows}: stored definitions (versioned), their runs,
 * and the original service's {@code /api/workflow/create_work_flow}. Same envelopes as the task
 * endpoints ({@link org.sttplatform.api.web.ApiResponse}, {@link
 * org.sttplatform.api.web.ApiException}).
 */
package org.sttplatform.api.pipeline;
