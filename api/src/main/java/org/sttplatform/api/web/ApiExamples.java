package org.sttplatform.api.web;

/**
 * Examples for the OpenAPI document, each a body the code really answers (status, envelope and
 * message), so that the Swagger UI shows clients what they will get. Annotation values must be
 * constants, hence the concatenations.
 */
final class ApiExamples {
  private ApiExamples() {}

  private static final String TIME = "\"time\": \"2026-11-24T18:00:00.123Z\"";
  private static final String BASE = "http://localhost:8080";

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
