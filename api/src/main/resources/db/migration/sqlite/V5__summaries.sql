-- LLM summaries of a task's transcript (SQLite), written by POST /api/chatgpt/summary with
-- save_to_database. Times are UTC epoch milliseconds. The API key is never stored. Deleting the
-- task deletes its summaries (the connection enables foreign keys).
CREATE TABLE task_summaries (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    task_id         INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    summary         TEXT    NOT NULL,
    model           TEXT    NOT NULL,
    prompt          TEXT    NOT NULL,
    output_language TEXT    NOT NULL,
    chunks          INTEGER NOT NULL,
    created_at      INTEGER NOT NULL
);

CREATE INDEX idx_task_summaries_task ON task_summaries (task_id, id);
