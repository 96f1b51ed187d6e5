-- What the Douyin/TikTok crawler read for a task created by /api/{douyin,tiktok}/video_task (SQLite).
-- One row per task, removed with it. published_at is unix seconds as the platform gives it,
-- created_at UTC epoch milliseconds; raw_json is the platform's JSON of the post, kept only when
-- the request said save_data_in_db=true.
CREATE TABLE crawled_posts (
    task_id          INTEGER NOT NULL PRIMARY KEY REFERENCES tasks (id) ON DELETE CASCADE,
    platform         TEXT    NOT NULL,
    post_id          TEXT    NOT NULL,
    post_url         TEXT    NOT NULL,
    source_url       TEXT    NOT NULL,
    kind             TEXT    NOT NULL,
    title            TEXT,
    author_id        TEXT,
    author_handle    TEXT,
    author_name      TEXT,
    duration_seconds REAL,
    cover_url        TEXT,
    published_at     INTEGER,
    media_url        TEXT    NOT NULL,
    raw_json         TEXT,
    created_at       INTEGER NOT NULL
);

CREATE INDEX idx_crawled_posts_post ON crawled_posts (platform, post_id);
