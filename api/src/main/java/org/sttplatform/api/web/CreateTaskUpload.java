package org.sttplatform.api.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The multipart body of {@code POST /api/whisper/tasks/create}, for the OpenAPI document only.
 *
 * @param fileUpload the media file
 */
@Schema(name = "CreateTaskUpload", description = "上传表单 / Upload form")
record CreateTaskUpload(
    @Schema(
            description = "媒体文件 (音频或视频) / Media file (audio or video)",
            type = "string",
            format = "binary")
        @JsonProperty("file_upload")
        String fileUpload) {}
