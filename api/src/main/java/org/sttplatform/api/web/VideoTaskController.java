package org.sttplatform.api.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponses;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.sttplatform.activities.crawl.Platform;
import org.sttplatform.api.config.SttProperties;
import org.sttplatform.api.store.TaskRecord;

/**
 * The seed's {@code POST /api/douyin/video_task} and {@code POST /api/tiktok/video_task}: a task
 * from a post link, answered as {@code tasks/create} answers.
 */
@RestController
public class VideoTaskController {
  private final VideoTasks tasks;
  private final SttProperties properties;

  VideoTaskController(VideoTasks tasks, SttProperties properties) {
    this.tasks = tasks;
    this.properties = properties;
  }

  @PostMapping("/api/douyin/video_task")
  @Tag(name = "Douyin-Tasks", description = "抖音作品任务 / Tasks from Douyin posts")
  @Operation(
      operationId = "douyin_video_task",
      summary = "从抖音作品创建任务 / Create a task from a Douyin post",
      description =
          """
          解析抖音作品链接 (短链接 v.douyin.com、douyin.com/video/、/note/、modal_id=、或包含链接的分享文本), \
          读取作品信息, 以其无水印播放地址创建 file_url 任务; 其余参数与 tasks/create 相同, 响应也相同, \
          另含 data.crawl (作品信息)。先使用无需 Cookie 的公开分享页, 失败时使用 STT_DOUYIN_COOKIE \
          配置的网页版 API。

          Resolves a Douyin post link (a v.douyin.com short link, douyin.com/video/, /note/, a \
          modal_id= link, or share text containing one), reads the post and creates a file_url \
          task of its watermark-free media; every other parameter is that of tasks/create, and so \
          is the answer, plus data.crawl (the post). The public share page is read first (no \
          cookie); the web API with the STT_DOUYIN_COOKIE setting is the fallback.
          """)
  @ApiResponses({
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "200",
        description = "任务已创建 / Task created"),
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "400",
        description = "不是抖音作品链接或参数错误 / Not a Douyin post link, or an invalid parameter",
        content = @Content(schema = @Schema(implementation = ApiError.class))),
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "404",
        description = "作品已删除、私密或不可见 / The post is removed, private or not visible",
        content = @Content(schema = @Schema(implementation = ApiError.class))),
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "422",
        description = "需要配置 STT_DOUYIN_COOKIE / Needs the STT_DOUYIN_COOKIE setting",
        content = @Content(schema = @Schema(implementation = ApiError.class))),
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "502",
        description = "抖音暂时无法访问 / Douyin did not answer usefully; try again later",
        content = @Content(schema = @Schema(implementation = ApiError.class))),
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "503",
        description =
            "工作流服务不可用, 任务已标记为失败 / Workflow service unavailable; the task was marked failed",
        content = @Content(schema = @Schema(implementation = ApiError.class)))
  })
  public ApiResponse<TaskView> douyin(
      HttpServletRequest request,
      @Parameter(
              name = "url",
              in = ParameterIn.QUERY,
              required = true,
              description = "抖音作品链接或分享文本 / Douyin post link, or share text containing one")
          @RequestParam(name = "url", required = false)
          String url,
      @Parameter(
              name = "save_data_in_db",
              in = ParameterIn.QUERY,
              description = "保存原始作品 JSON / Keep the post's raw JSON",
              schema = @Schema(type = "boolean", defaultValue = "true"))
          @RequestParam(name = "save_data_in_db", required = false)
          String saveDataInDb,
      @ParameterObject CreateTaskParams params) {
    return create(request, Platform.DOUYIN, url, saveDataInDb, params);
  }

  @PostMapping("/api/tiktok/video_task")
  @Tag(name = "TikTok-Tasks", description = "TikTok 作品任务 / Tasks from TikTok posts")
  @Operation(
      operationId = "tiktok_video_task",
      summary = "从 TikTok 作品创建任务 / Create a task from a TikTok post",
      description =
          """
          解析 TikTok 作品链接 (vm/vt.tiktok.com 短链接、tiktok.com/@用户/video/、/photo/、embed、或包含链接的分享文本), \
          读取网页中的作品数据, 以其播放地址创建 file_url 任务 (下载时带上网页设置的 Cookie 和 Referer); \
          其余参数与 tasks/create 相同, 响应也相同, 另含 data.crawl。

          Resolves a TikTok post link (a vm/vt.tiktok.com short link, tiktok.com/@user/video/, \
          /photo/, embed, or share text containing one), reads the post from the web page's data \
          and creates a file_url task of its media (downloaded with the page's cookies and \
          Referer); every other parameter is that of tasks/create, and so is the answer, plus \
          data.crawl.
          """)
  @ApiResponses({
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "200",
        description = "任务已创建 / Task created"),
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "400",
        description = "不是 TikTok 作品链接或参数错误 / Not a TikTok post link, or an invalid parameter",
        content = @Content(schema = @Schema(implementation = ApiError.class))),
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "404",
        description = "作品私密、已删除或在本服务器所在地区不可用 / The post is private, removed or region-blocked",
        content = @Content(schema = @Schema(implementation = ApiError.class))),
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "502",
        description = "TikTok 暂时无法访问 / TikTok did not answer usefully; try again later",
        content = @Content(schema = @Schema(implementation = ApiError.class))),
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
        responseCode = "503",
        description =
            "工作流服务不可用, 任务已标记为失败 / Workflow service unavailable; the task was marked failed",
        content = @Content(schema = @Schema(implementation = ApiError.class)))
  })
  public ApiResponse<TaskView> tiktok(
      HttpServletRequest request,
      @Parameter(
              name = "url",
              in = ParameterIn.QUERY,
              required = true,
              description = "TikTok 作品链接或分享文本 / TikTok post link, or share text containing one")
          @RequestParam(name = "url", required = false)
          String url,
      @Parameter(
              name = "save_data_in_db",
              in = ParameterIn.QUERY,
              description = "保存原始作品 JSON / Keep the post's raw JSON",
              schema = @Schema(type = "boolean", defaultValue = "true"))
          @RequestParam(name = "save_data_in_db", required = false)
          String saveDataInDb,
      @ParameterObject CreateTaskParams params) {
    return create(request, Platform.TIKTOK, url, saveDataInDb, params);
  }

  private ApiResponse<TaskView> create(
      HttpServletRequest request,
      Platform platform,
      String url,
      String saveDataInDb,
      CreateTaskParams params) {
    VideoTasks.Created created = tasks.create(platform, url, saveDataInDb, params);
    TaskRecord task = created.created().task();
    return ApiResponse.ok(
        RequestInfo.of(request),
        created.created().params(),
        TaskView.of(task, TaskUrls.outputUrl(properties, request, task.id()), true)
            .withCrawl(created.crawl()));
  }

  /** As {@code tasks/create}: the create parameters bind from request parameters only. */
  @InitBinder("createTaskParams")
  void bindRequestParametersOnly(WebDataBinder binder) {
    CreateTaskParams.bindFromRequestParametersOnly(binder);
  }
}
