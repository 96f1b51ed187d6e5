package org.sttplatform.api.web;

/**
 * Examples of the callback, stored-subtitle and workers endpoints for the OpenAPI document: bodies
 * the code really answers ({@code DocumentedExamplesTest} compares each with a real answer).
 * Annotation values must be constants, hence text blocks.
 */
final class EndpointExamples {
  private EndpointExamples() {}

  static final String CALLBACK_TEST_400_NOT_AN_OBJECT =
      """
      {
        "detail": {
          "code": 400,
          "message": "The callback body must be a JSON object",
          "time": "2026-11-24T18:00:00.123Z",
          "router": "http://localhost:8080/api/whisper/callback/test",
          "params": {}
        }
      }
      """;

  static final String REDELIVER_400_BAD_TASK_ID =
      """
      {
        "detail": {
          "code": 400,
          "message": "Invalid value 'abc' for parameter 'task_id'; expected an integer task ID (digits 0-9)",
          "time": "2026-11-24T18:00:00.123Z",
          "router": "http://localhost:8080/api/whisper/callback/redeliver?task_id=abc",
          "params": {
            "task_id": "abc"
          }
        }
      }
      """;

  static final String REDELIVER_404_NOT_FOUND =
      """
      {
        "detail": {
          "code": 404,
          "message": "Task not found or has been deleted or invalid task ID",
          "time": "2026-11-24T18:00:00.123Z",
          "router": "http://localhost:8080/api/whisper/callback/redeliver?task_id=404",
          "params": {
            "task_id": "404"
          }
        }
      }
      """;

  static final String REDELIVER_409_NO_CALLBACK =
      """
      {
        "detail": {
          "code": 409,
          "message": "Task 1 has no callback_url",
          "time": "2026-11-24T18:00:00.123Z",
          "router": "http://localhost:8080/api/whisper/callback/redeliver?task_id=1",
          "params": {
            "task_id": "1"
          }
        }
      }
      """;

  static final String SUBTITLE_FILES_200 =
      """
      {
        "code": 200,
        "router": "http://localhost:8080/api/whisper/tasks/subtitles?task_id=1",
        "params": {
          "task_id": 1
        },
        "data": {
          "task_id": 1,
          "files": [
            {
              "format": "srt",
              "name": "meeting.srt",
              "size": 2048,
              "download_url": "http://localhost:8080/api/whisper/tasks/subtitles/download?task_id=1&name=meeting.srt"
            }
          ]
        }
      }
      """;

  static final String SUBTITLE_FILES_400_BAD_TASK_ID =
      """
      {
        "detail": {
          "code": 400,
          "message": "Invalid value 'abc' for parameter 'task_id'; expected an integer task ID (digits 0-9)",
          "time": "2026-11-24T18:00:00.123Z",
          "router": "http://localhost:8080/api/whisper/tasks/subtitles?task_id=abc",
          "params": {
            "task_id": "abc"
          }
        }
      }
      """;

  static final String SUBTITLE_FILES_404_NOT_FOUND =
      """
      {
        "detail": {
          "code": 404,
          "message": "Task not found or has been deleted or invalid task ID",
          "time": "2026-11-24T18:00:00.123Z",
          "router": "http://localhost:8080/api/whisper/tasks/subtitles?task_id=404",
          "params": {
            "task_id": "404"
          }
        }
      }
      """;

  static final String WORKERS_403_CROSS_ORIGIN =
      """
      {
        "detail": {
          "code": 403,
          "message": "Cross-origin request from 'https://other.example' refused: the origin, method or headers are not allowed (allowed origins are set with STT_CORS_ORIGINS)",
          "time": "2026-11-24T18:00:00.123Z",
          "router": "http://localhost:8080/api/workers",
          "params": {}
        }
      }
      """;
}
