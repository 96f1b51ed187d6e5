package org.sttplatform.api.web;

/**
 * Examples of {@code result} and {@code delete} for the OpenAPI document: bodies the code really
 * answers (status, envelope, members and messages; {@code DocumentedExamplesTest} compares each
 * with a real answer), so that the Swagger UI shows clients what they will get. Times, sizes and
 * URLs are illustrative.
 */
final class ResultExamples {
  private ResultExamples() {}

  static final String TASK_RESULT_200_COMPLETED =
      """
      {
        "code": 200,
        "router": "http://localhost:8080/api/whisper/tasks/result?task_id=1",
        "params": {
          "task_id": 1
        },
        "data": {
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
          "language": "zh",
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
          "result": {
            "text": "你好 世界",
            "language": "zh",
            "language_probability": 0.97,
            "duration": 3.2,
            "engine": "whisper.cpp",
            "model": "base",
            "engine_seconds": 0.8,
            "segments": [
              {
                "id": 1,
                "start": 0.0,
                "end": 1.6,
                "text": "你好",
                "tokens": [50364, 2131],
                "avg_logprob": -0.21,
                "compression_ratio": 1.1,
                "no_speech_prob": 0.01,
                "words": [
                  {
                    "start": 0.0,
                    "end": 1.6,
                    "word": "你好",
                    "probability": 0.93
                  }
                ]
              },
              {
                "id": 2,
                "start": 1.6,
                "end": 3.2,
                "text": "世界",
                "tokens": [3002],
                "avg_logprob": -0.3,
                "compression_ratio": 1.0,
                "no_speech_prob": 0.02,
                "words": null
              }
            ]
          },
          "stage": "completed",
          "progress": 1.0,
          "model_name": "base",
          "started_at": "2026-11-24T18:00:01.000Z",
          "completed_at": "2026-11-24T18:00:05.000Z",
          "run_id": null,
          "run_step": null,
          "callback_attempts": 0,
          "callback_state": null,
          "summaries": [],
          "subtitles": [
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

  static final String TASK_RESULT_200_FAILED =
      """
      {
        "code": 200,
        "router": "http://localhost:8080/api/whisper/tasks/result?task_id=2",
        "params": {
          "task_id": 2
        },
        "data": {
          "id": 2,
          "status": "failed",
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
          "file_url": "https://cdn.example.com/2.mp3",
          "file_name": "2.mp3",
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
          "error_message": "The media has no audio",
          "output_url": "http://localhost:8080/api/whisper/tasks/result?task_id=2",
          "result": null,
          "stage": "failed",
          "progress": 0.2,
          "model_name": "base",
          "started_at": "2026-11-24T18:00:01.000Z",
          "completed_at": "2026-11-24T18:00:05.000Z",
          "run_id": null,
          "run_step": null,
          "callback_attempts": 0,
          "callback_state": null,
          "summaries": [],
          "subtitles": []
        }
      }
      """;

  static final String TASK_RESULT_202_PROCESSING =
      """
      {
        "detail": {
          "code": 202,
          "message": "Task is currently being processed",
          "time": "2026-11-24T18:00:00.123Z",
          "router": "http://localhost:8080/api/whisper/tasks/result?task_id=1",
          "params": {
            "task_id": "1"
          },
          "task_id": 1,
          "status": "processing",
          "stage": "transcribing",
          "progress": 0.61
        }
      }
      """;

  static final String TASK_RESULT_202_QUEUED =
      """
      {
        "detail": {
          "code": 202,
          "message": "Task is queued and not started yet",
          "time": "2026-11-24T18:00:00.123Z",
          "router": "http://localhost:8080/api/whisper/tasks/result?task_id=1",
          "params": {
            "task_id": "1"
          },
          "task_id": 1,
          "status": "queued",
          "stage": "queued",
          "progress": 0.0,
          "queue_position": 0
        }
      }
      """;

  static final String TASK_RESULT_400_BAD_TASK_ID =
      """
      {
        "detail": {
          "code": 400,
          "message": "Invalid value 'abc' for parameter 'task_id'; expected an integer task ID (digits 0-9)",
          "time": "2026-11-24T18:00:00.123Z",
          "router": "http://localhost:8080/api/whisper/tasks/result?task_id=abc",
          "params": {
            "task_id": "abc"
          }
        }
      }
      """;

  static final String TASK_RESULT_404_NOT_FOUND =
      """
      {
        "detail": {
          "code": 404,
          "message": "Task not found or has been deleted or invalid task ID",
          "time": "2026-11-24T18:00:00.123Z",
          "router": "http://localhost:8080/api/whisper/tasks/result?task_id=404",
          "params": {
            "task_id": "404"
          }
        }
      }
      """;

  static final String DELETE_TASK_200_DELETED =
      """
      {
        "code": 200,
        "router": "http://localhost:8080/api/whisper/tasks/delete?task_id=1",
        "params": {
          "task_id": 1
        },
        "data": {
          "task_id": 1,
          "message": "Task deleted successfully"
        }
      }
      """;

  static final String DELETE_TASK_400_BAD_TASK_ID =
      """
      {
        "detail": {
          "code": 400,
          "message": "Invalid value 'abc' for parameter 'task_id'; expected an integer task ID (digits 0-9)",
          "time": "2026-11-24T18:00:00.123Z",
          "router": "http://localhost:8080/api/whisper/tasks/delete?task_id=abc",
          "params": {
            "task_id": "abc"
          }
        }
      }
      """;

  static final String DELETE_TASK_404_NOT_FOUND =
      """
      {
        "detail": {
          "code": 404,
          "message": "Task not found or has been deleted or invalid task ID",
          "time": "2026-11-24T18:00:00.123Z",
          "router": "http://localhost:8080/api/whisper/tasks/delete?task_id=404",
          "params": {
            "task_id": "404"
          }
        }
      }
      """;

  static final String DELETE_TASK_503_WORKFLOW_UNAVAILABLE =
      """
      {
        "detail": {
          "code": 503,
          "message": "The task's workflow could not be cancelled because the workflow service is unavailable; nothing was deleted, please try again later",
          "time": "2026-11-24T18:00:00.123Z",
          "router": "http://localhost:8080/api/whisper/tasks/delete?task_id=1",
          "params": {
            "task_id": "1"
          },
          "task_id": 1
        }
      }
      """;
}
