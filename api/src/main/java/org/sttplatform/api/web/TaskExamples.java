package org.sttplatform.api.web;

/**
 * Examples of {@code create} and {@code query} for the OpenAPI document: bodies the code really
 * answers (status, envelope, members and messages; {@code DocumentedExamplesTest} compares each
 * with a real answer), so that the Swagger UI shows clients what they will get. Times, sizes and
 * URLs are illustrative.
 */
final class TaskExamples {
  private TaskExamples() {}

  static final String CREATE_TASK_200_QUEUED =
      """
      {
        "code": 200,
        "router": "http://localhost:8080/api/whisper/tasks/create",
        "params": {
          "language": "en",
          "temperature": [0.0, 0.2, 0.4, 0.6, 0.8, 1.0],
          "compression_ratio_threshold": 2.4,
          "no_speech_threshold": 0.6,
          "condition_on_previous_text": true,
          "initial_prompt": null,
          "word_timestamps": true,
          "prepend_punctuations": "\\"'“¿([{-",
          "append_punctuations": "\\"'.。,，!！?？:：”)]}、",
          "clip_timestamps": [],
          "hallucination_silence_threshold": null,
          "task_type": "transcribe",
          "priority": "normal",
          "callback_url": "",
          "model": ""
        },
        "data": {
          "id": 1,
          "status": "queued",
          "callback_url": "",
          "callback_status_code": null,
          "callback_message": null,
          "callback_time": null,
          "priority": "normal",
          "engine_name": "whisper.cpp",
          "task_type": "transcribe",
          "created_at": "2026-11-24T18:00:00.123Z",
          "updated_at": "2026-11-24T18:00:00.123Z",
          "task_processing_time": null,
          "file_path": "uploads/0b6f3e52-8d4c-4f57-9a51-1c2e7d9b4a10/meeting.mp4",
          "file_url": null,
          "file_name": "meeting.mp4",
          "file_size_bytes": 48213077,
          "file_duration": 1834.5,
          "language": null,
          "platform": "",
          "decode_options": {
            "language": "en",
            "temperature": [0.0, 0.2, 0.4, 0.6, 0.8, 1.0],
            "compression_ratio_threshold": 2.4,
            "no_speech_threshold": 0.6,
            "condition_on_previous_text": true,
            "initial_prompt": null,
            "word_timestamps": true,
            "prepend_punctuations": "\\"'“¿([{-",
            "append_punctuations": "\\"'.。,，!！?？:：”)]}、",
            "clip_timestamps": [],
            "hallucination_silence_threshold": null,
            "vad_filter": false
          },
          "error_message": null,
          "output_url": "http://localhost:8080/api/whisper/tasks/result?task_id=1",
          "result": null,
          "stage": "queued",
          "progress": 0.0,
          "model_name": null,
          "started_at": null,
          "completed_at": null,
          "run_id": null,
          "run_step": null,
          "callback_attempts": 0,
          "callback_state": null
        }
      }
      """;

  static final String CREATE_TASK_400_BOTH_SOURCES =
      """
      {
        "detail": {
          "code": 400,
          "message": "The 'file_upload' and 'file_url' parameters cannot be both provided, you must provide only one of them.",
          "time": "2026-11-24T18:00:00.123Z",
          "router": "http://localhost:8080/api/whisper/tasks/create?file_url=https://example.com/talk.mp3",
          "params": {
            "file_url": "https://example.com/talk.mp3"
          }
        }
      }
      """;

  static final String CREATE_TASK_413_TOO_LARGE =
      """
      {
        "detail": {
          "code": 413,
          "message": "The uploaded file is larger than the limit of 2GB (STT_UPLOAD_MAX_SIZE)",
          "time": "2026-11-24T18:00:00.123Z",
          "router": "http://localhost:8080/api/whisper/tasks/create",
          "params": {}
        }
      }
      """;

  static final String CREATE_TASK_415_NO_AUDIO =
      """
      {
        "detail": {
          "code": 415,
          "message": "The uploaded media has no audio stream",
          "time": "2026-11-24T18:00:00.123Z",
          "router": "http://localhost:8080/api/whisper/tasks/create",
          "params": {}
        }
      }
      """;

  static final String CREATE_TASK_503_WORKFLOW_UNAVAILABLE =
      """
      {
        "detail": {
          "code": 503,
          "message": "The task could not be queued because the workflow service is unavailable; please try again later (task 1 was marked failed)",
          "time": "2026-11-24T18:00:00.123Z",
          "router": "http://localhost:8080/api/whisper/tasks/create",
          "params": {},
          "task_id": 1
        }
      }
      """;

  static final String QUERY_TASKS_200_TASKS =
      """
      {
        "code": 200,
        "router": "http://localhost:8080/api/whisper/tasks/query",
        "params": {
          "status": "completed",
          "priority": null,
          "created_after": null,
          "created_before": null,
          "language": null,
          "engine_name": null,
          "has_result": null,
          "has_error": null,
          "limit": 10,
          "offset": 0,
          "include_result": false
        },
        "data": {
          "tasks": [
            {
              "id": 1,
              "status": "completed",
              "callback_url": "",
              "callback_status_code": null,
              "callback_message": null,
              "callback_time": null,
              "priority": "normal",
              "engine_name": "whisper.cpp",
              "task_type": "transcribe",
              "created_at": "2026-11-24T18:00:00.000Z",
              "updated_at": "2026-11-24T18:00:00.000Z",
              "task_processing_time": 4.0,
              "file_path": null,
              "file_url": "https://cdn.example.com/1.mp3",
              "file_name": "1.mp3",
              "file_size_bytes": 1234,
              "file_duration": 3.2,
              "language": null,
              "platform": "",
              "decode_options": {
                "language": null,
                "temperature": [0.0, 0.2, 0.4, 0.6, 0.8, 1.0],
                "compression_ratio_threshold": 2.4,
                "no_speech_threshold": 0.6,
                "condition_on_previous_text": true,
                "initial_prompt": null,
                "word_timestamps": false,
                "prepend_punctuations": "\\"'“¿([{-",
                "append_punctuations": "\\"'.。,，!！?？:：”)]}、",
                "clip_timestamps": [],
                "hallucination_silence_threshold": null,
                "vad_filter": false
              },
              "error_message": null,
              "output_url": "http://localhost:8080/api/whisper/tasks/result?task_id=1",
              "result": null,
              "stage": "completed",
              "progress": 1.0,
              "model_name": "base",
              "started_at": "2026-11-24T18:00:01.000Z",
              "completed_at": "2026-11-24T18:00:05.000Z",
              "run_id": null,
              "run_step": null,
              "callback_attempts": 0,
              "callback_state": null
            }
          ],
          "total_count": 1,
          "has_more": false,
          "next_offset": null
        }
      }
      """;

  static final String QUERY_TASKS_400_BAD_STATUS =
      """
      {
        "detail": {
          "code": 400,
          "message": "Invalid value 'done' for parameter 'status'; allowed values: queued, processing, completed, failed",
          "time": "2026-11-24T18:00:00.123Z",
          "router": "http://localhost:8080/api/whisper/tasks/query",
          "params": {}
        }
      }
      """;
}
