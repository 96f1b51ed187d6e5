-- Task table (SQLite). Times are UTC epoch milliseconds (INTEGER): they sort and range-filter
-- exactly and carry no time zone. Enum columns hold the lower-case names; decode_options and
-- result hold JSON text.
CREATE TABLE tasks (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    status               TEXT    NOT NULL,
    stage                TEXT    NOT NULL,
    progress             REAL    NOT NULL DEFAULT 0,
    task_type            TEXT    NOT NULL,
    priority             TEXT    NOT NULL,
    engine_name          TEXT,
    model_name           TEXT,
    platform             TEXT,
    callback_url         TEXT,
    callback_status_code INTEGER,
    callback_message     TEXT,
    callback_time        INTEGER,
    created_at           INTEGER NOT NULL,
    updated_at           INTEGER NOT NULL,
    started_at           INTEGER,
    completed_at         INTEGER,
    task_processing_time REAL,
    file_path            TEXT,
    file_url             TEXT,
    file_name            TEXT,
    file_size_bytes      INTEGER,
    file_duration        REAL,
    language             TEXT,
    decode_options       TEXT,
    result               TEXT,
    error_message        TEXT
);

CREATE INDEX idx_tasks_created ON tasks (created_at, id);
CREATE INDEX idx_tasks_status_created ON tasks (status, created_at, id);
CREATE INDEX idx_tasks_priority_created ON tasks (priority, created_at, id);
CREATE INDEX idx_tasks_engine_created ON tasks (engine_name, created_at, id);
CREATE INDEX idx_tasks_language_created ON tasks (language, created_at, id);
