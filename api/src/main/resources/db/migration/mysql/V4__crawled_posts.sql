-- What the Douyin/TikTok crawler read for a task created by /api/{douyin,tiktok}/video_task
-- (MySQL / MariaDB). One row per task, removed with it. published_at is unix seconds as the
-- platform gives it, created_at UTC epoch milliseconds; raw_json is the platform's JSON of the
-- post, kept only when the request said save_data_in_db=true.
CREATE TABLE crawled_posts (
    task_id          BIGINT        NOT NULL,
    platform         VARCHAR(16)   NOT NULL,
    post_id          VARCHAR(32)   NOT NULL,
    post_url         VARCHAR(2048) NOT NULL,
    source_url       TEXT          NOT NULL,
    kind             VARCHAR(16)   NOT NULL,
    title            TEXT,
    author_id        VARCHAR(255),
    author_handle    VARCHAR(255),
    author_name      VARCHAR(255),
    duration_seconds DOUBLE,
    cover_url        TEXT,
    published_at     BIGINT,
    media_url        TEXT          NOT NULL,
    raw_json         LONGTEXT,
    created_at       BIGINT        NOT NULL,
    PRIMARY KEY (task_id),
    KEY idx_crawled_posts_post (platform, post_id),
    CONSTRAINT fk_crawled_posts_task FOREIGN KEY (task_id) REFERENCES tasks (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
