/**
 * The HTTP API, compatible with the seed ("Whisper Service"): same paths, parameter names and
 * envelopes ({@code {code, router, params, data}} on success, {@code {"detail": {code, message,
 * time, router, params}}} on error), with its bugs fixed.
 *
 * <p>Status codes:
 *
 * <ul>
 *   <li>400: any invalid parameter, named in the message with what it accepts (never a 422 list).
 *   <li>404: unknown task ({@code Task not found or has been deleted or invalid task ID}) or path.
 *   <li>405 / 415: wrong method / wrong {@code Content-Type}.
 *   <li>413: upload over {@code stt.upload.max-size}, refused while it streams in.
 *   <li>415: the upload is not a media file or has no audio stream ({@link
 *       org.sttplatform.api.web.MediaRejectedException}); the stored file is deleted.
 *   <li>202: {@code result} of a queued or running task, error-envelope shaped, with {@code
 *       detail.stage} and {@code detail.progress}.
 *   <li>200: {@code result} of a completed or a failed task (the seed answered a bare 500 for
 *       failed tasks).
 *   <li>503: the workflow could not be started (the task row is marked failed, its id is in {@code
 *       detail.task_id}), or a database error; health check when the database or Temporal is down.
 *   <li>500: anything unexpected, with a generic message; details only in the log.
 * </ul>
 *
 * <p>Ports the integrator wires: {@link org.sttplatform.api.web.MediaInspector} (ffprobe), {@link
 * org.sttplatform.api.web.ModelReadiness} (the GPU worker's model store), plus the store's {@code
 * TaskStore}, {@code TaskWorkflows} and a {@code DataSource}. {@link
 * org.sttplatform.api.web.LocalUploadStorage} implements {@link
 * org.sttplatform.api.web.UploadStorage}. A task that names no model runs with the transcription
 * worker's default ({@code STT_MODEL} of that worker).
 */
package org.sttplatform.api.web;
