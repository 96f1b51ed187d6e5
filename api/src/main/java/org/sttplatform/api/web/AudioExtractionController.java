package org.sttplatform.api.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponses;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.sttplatform.workflows.model.AudioConversion;

/**
 * {@code POST /api/whisper/extract_audio}: the original's audio extraction (multipart {@code file},
 * {@code sample_rate}, {@code bit_depth}, {@code output_format}) plus {@code channels} and more
 * formats. The answer is the audio file itself, streamed from disk.
 */
@RestController
@Tag(name = "Whisper-Tasks", description = "Whisper 语音识别任务 / Whisper speech-to-text tasks")
class AudioExtractionController {
  private static final Logger log = LoggerFactory.getLogger(AudioExtractionController.class);

  /** The endpoint's parameter names, for messages. */
  static final AudioConversion.ParamNames PARAM_NAMES =
      new AudioConversion.ParamNames("output_format", "sample_rate", "channels", "bit_depth");

  private static final int COPY_BUFFER = 64 * 1024;

  private final AudioExtraction extraction;

  AudioExtractionController(AudioExtraction extraction) {
    this.extraction = extraction;
  }

  @PostMapping(
      path = "/api/whisper/extract_audio",
      // No "produces": a file answer must not be refused (406) for an Accept such as text/html,
      // and errors are JSON whatever Accept says, as everywhere in the API.
      consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @Operation(
      operationId = "extract_audio",
      summary = "提取音频 / Extract the audio of a media file",
      description =
          """
          上传音频或视频文件, 返回转换后的音频文件 (作为附件下载, 文件名为上传文件名加新扩展名)。\
          格式: wav (16/24/32 位), flac (16/24 位), mp3, opus (Ogg 封装), m4a (AAC)。\
          采样率须为该格式支持的值, 例如 opus 只支持 8000, 12000, 16000, 24000, 48000。\
          bit_depth 只适用于 wav 和 flac。

          Upload an audio or video file; the answer is its first audio stream converted as asked, \
          as an attachment named like the upload with the format's extension. Formats: wav \
          (16, 24 or 32 bits), flac (16 or 24 bits), mp3, opus (in Ogg) and m4a (AAC). The \
          sample rate must be one the format allows (opus: 8000, 12000, 16000, 24000, 48000; \
          mp3: 8000 to 48000; wav, flac, m4a: 8000 to 96000); bit_depth applies to wav and \
          flac only. Defaults: wav, 22050 Hz (opus: 24000), the source's channels (at most 2), \
          16 bits.
          """,
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              required = true,
              content =
                  @Content(
                      mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
                      schema = @Schema(implementation = ExtractAudioForm.class))))
  @ApiResponses({
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "200",
        description = "音频文件 / The audio file (Content-Disposition: attachment)",
        content = {
          @Content(mediaType = "audio/wav", schema = @Schema(type = "string", format = "binary")),
          @Content(mediaType = "audio/mpeg", schema = @Schema(type = "string", format = "binary")),
          @Content(mediaType = "audio/flac", schema = @Schema(type = "string", format = "binary")),
          @Content(mediaType = "audio/ogg", schema = @Schema(type = "string", format = "binary")),
          @Content(mediaType = "audio/mp4", schema = @Schema(type = "string", format = "binary"))
        }),
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "400",
        description = "参数错误 / Invalid parameter",
        content =
            @Content(
                mediaType = MediaType.APPLICATION_JSON_VALUE,
                schema = @Schema(implementation = ApiError.class),
                examples = @ExampleObject(name = "sample_rate", value = ApiExamples.EXTRACT_400))),
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "413",
        description = "上传文件过大 / Upload larger than STT_UPLOAD_MAX_SIZE",
        content =
            @Content(
                mediaType = MediaType.APPLICATION_JSON_VALUE,
                schema = @Schema(implementation = ApiError.class),
                examples = @ExampleObject(name = "too_large", value = ApiExamples.EXTRACT_413))),
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "415",
        description = "不是媒体文件或没有音频流 / Not a media file, or no audio stream",
        content =
            @Content(
                mediaType = MediaType.APPLICATION_JSON_VALUE,
                schema = @Schema(implementation = ApiError.class),
                examples = @ExampleObject(name = "no_audio", value = ApiExamples.EXTRACT_415)))
  })
  public void extract(
      @Parameter(hidden = true) @RequestParam("file") MultipartFile file,
      @Parameter(hidden = true) @RequestParam(name = "output_format", required = false)
          String outputFormat,
      @Parameter(hidden = true) @RequestParam(name = "sample_rate", required = false)
          String sampleRate,
      @Parameter(hidden = true) @RequestParam(name = "channels", required = false) String channels,
      @Parameter(hidden = true) @RequestParam(name = "bit_depth", required = false) String bitDepth,
      HttpServletResponse response)
      throws IOException {
    AudioExtraction.Request request =
        new AudioExtraction.Request(
            Params.blankToNull(outputFormat),
            integer("sample_rate", sampleRate),
            integer("channels", channels),
            integer("bit_depth", bitDepth));
    AudioExtraction.checkOptions(request);
    if (file.isEmpty()) {
      throw ApiException.badRequest("The uploaded file is empty");
    }
    try (AudioExtraction.Extracted audio = extraction.extract(file, request)) {
      response.setStatus(HttpServletResponse.SC_OK);
      response.setContentType(audio.conversion().format().mediaType());
      response.setContentLengthLong(Files.size(audio.file()));
      response.setHeader(HttpHeaders.CONTENT_DISPOSITION, attachment(audio.fileName()));
      send(audio, response);
    }
  }

  /**
   * Copies the file to the client. Once the first bytes are out, a failure can only be the client
   * going away (or the connection breaking): nothing more can be told, and the file is deleted by
   * the caller all the same.
   */
  private static void send(AudioExtraction.Extracted audio, HttpServletResponse response)
      throws IOException {
    try (InputStream in = Files.newInputStream(audio.file())) {
      OutputStream out = response.getOutputStream();
      byte[] buffer = new byte[COPY_BUFFER];
      int n;
      while ((n = in.read(buffer)) >= 0) {
        try {
          out.write(buffer, 0, n);
        } catch (IOException clientGone) {
          log.info(
              "The client closed the download of {}: {}", audio.fileName(), clientGone.toString());
          return;
        }
      }
      try {
        out.flush();
      } catch (IOException clientGone) {
        log.info(
            "The client closed the download of {}: {}", audio.fileName(), clientGone.toString());
      }
    }
  }

  /**
   * {@code attachment; filename="name"}, with an RFC 5987 {@code filename*} as well when the name
   * is not plain printable ASCII (old clients read the first, others the second).
   */
  static String attachment(String fileName) {
    boolean plain = fileName.chars().allMatch(c -> c >= 0x20 && c < 0x7f && c != '"' && c != '\\');
    ContentDisposition.Builder d = ContentDisposition.attachment();
    return (plain ? d.filename(fileName) : d.filename(fileName, StandardCharsets.UTF_8))
        .build()
        .toString();
  }

  /** An optional integer parameter: ASCII digits, or blank for the default. */
  private static Integer integer(String name, String value) {
    String v = Params.blankToNull(value);
    if (v == null) {
      return null;
    }
    Long n = Params.asciiDigits(v);
    if (n == null || n > Integer.MAX_VALUE) {
      throw ApiException.badRequest(
          "Invalid value '%s' for parameter '%s'; expected an integer".formatted(value, name));
    }
    return n.intValue();
  }

  /** The multipart form, for the OpenAPI document. */
  @Schema(description = "音频提取表单 / Audio extraction form")
  record ExtractAudioForm(
      @Schema(
              description = "音频或视频文件 / Audio or video file",
              type = "string",
              format = "binary",
              requiredMode = Schema.RequiredMode.REQUIRED)
          String file,
      @Schema(
              name = "output_format",
              description = "输出格式 / Output format",
              allowableValues = {"wav", "mp3", "flac", "opus", "m4a"},
              defaultValue = "wav")
          String outputFormat,
      @Schema(
              name = "sample_rate",
              description =
                  "采样率 (Hz), 须为该格式支持的值; 默认 22050 (opus 为 24000) / Sample rate in Hz,"
                      + " one the format allows; default 22050 (opus: 24000)",
              type = "integer")
          Integer sampleRate,
      @Schema(
              description = "声道数; 默认与源相同 (最多 2) / Channels; default: the source's (at most 2)",
              type = "integer",
              allowableValues = {"1", "2"})
          Integer channels,
      @Schema(
              name = "bit_depth",
              description =
                  "位深, 仅 wav (16, 24, 32) 和 flac (16, 24); 默认 16 / Bit depth, wav (16, 24, 32)"
                      + " and flac (16, 24) only; default 16",
              type = "integer",
              allowableValues = {"16", "24", "32"})
          Integer bitDepth) {}
}
