package org.sttplatform.api.web;

/**
 * Examples of the health check and audio extraction for the OpenAPI document: bodies the code
 * really answers ({@code DocumentedExamplesTest} compares each with a real answer). Annotation
 * values must be constants, hence text blocks and concatenations.
 */
final class ApiExamples {
  private ApiExamples() {}

  private static final String TIME = "\"time\": \"2026-11-24T18:00:00.123Z\"";
  private static final String BASE = "http://localhost:8080";

  static final String HEALTH_CHECK_200_OK =
      """
      {
        "status": "ok",
        "checks": {
          "database": {
            "status": "ok",
            "latency_ms": 2
          },
          "temporal": {
            "status": "ok",
            "latency_ms": 1
          },
          "model": {
            "status": "ok",
            "message": "Model 'base' is ready"
          }
        }
      }
      """;

  static final String HEALTH_CHECK_200_DEGRADED =
      """
      {
        "status": "degraded",
        "checks": {
          "database": {
            "status": "ok",
            "latency_ms": 2
          },
          "temporal": {
            "status": "ok",
            "latency_ms": 1
          },
          "model": {
            "status": "missing",
            "message": "Model 'base' is not present"
          }
        }
      }
      """;

  static final String HEALTH_CHECK_503_DOWN =
      """
      {
        "status": "down",
        "checks": {
          "database": {
            "status": "down",
            "message": "The database is unreachable"
          },
          "temporal": {
            "status": "ok",
            "latency_ms": 1
          },
          "model": {
            "status": "ok",
            "message": "Model 'base' is ready"
          }
        }
      }
      """;

  /** What {@link JsonErrorReportValve} answers for an invalid {@code Content-Length}. */
  static final String HEALTH_CHECK_400_MALFORMED =
      """
      {
        "detail": {
          "code": 400,
          "message": "The Content-Length header is invalid; expected a number of bytes",
          "time": "2026-11-24T18:00:00.123Z",
          "router": "http://localhost:8080/api/health/check",
          "params": {}
        }
      }
      """;

  static final String EXTRACT = "/api/whisper/extract_audio";

  static final String EXTRACT_400 =
      "{\"detail\": {\"code\": 400, \"message\": \"Invalid value '44100' for parameter"
          + " 'sample_rate'; opus allows 8000, 12000, 16000, 24000, 48000\", "
          + TIME
          + ", \"router\": \""
          + BASE
          + EXTRACT
          + "\", \"params\": {}}}";

  static final String EXTRACT_413 =
      "{\"detail\": {\"code\": 413, \"message\": \"The uploaded file is larger than the limit of"
          + " 2GB (STT_UPLOAD_MAX_SIZE)\", "
          + TIME
          + ", \"router\": \""
          + BASE
          + EXTRACT
          + "\", \"params\": {}}}";

  static final String EXTRACT_415 =
      "{\"detail\": {\"code\": 415, \"message\": \"The media has no audio stream (streams found:"
          + " video h264)\", "
          + TIME
          + ", \"router\": \""
          + BASE
          + EXTRACT
          + "\", \"params\": {}}}";
}
