/**
 * The OpenAI-compatible API under {@code /v1}: {@code audio/transcriptions}, {@code
 * audio/translations} and {@code models}, answered synchronously by a task of the same pipeline as
 * {@code /api/whisper/tasks/create}, with OpenAI's response and error shapes.
 */
package org.sttplatform.api.openai;
