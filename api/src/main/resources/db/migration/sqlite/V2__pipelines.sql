-- Pipeline definitions and runs (SQLite). Times are UTC epoch milliseconds (INTEGER).
-- A definition is stored once per version; content is the definition JSON (with its version),
-- content_hash the SHA-256 of that JSON without the version, to recognise a re-sent definition.
CREATE TABLE pipeline_definitions (
    id           TEXT    NOT NULL,
    version      INTEGER NOT NULL,
    description  TEXT,
    content      TEXT    NOT NULL,
    content_hash TEXT    NOT NULL,
    trigger_type TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    PRIMARY KEY (id, version)
);

-- One row per run; the workflow is the source of truth and reports the end (runEnded).
CREATE TABLE pipeline_runs (
    run_id             TEXT    NOT NULL PRIMARY KEY,
    definition_id      TEXT    NOT NULL,
    definition_version INTEGER NOT NULL,
    status             TEXT    NOT NULL,
    inputs             TEXT    NOT NULL,
    outputs            TEXT,
    error              TEXT,
    created_at         INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL,
    ended_at           INTEGER
);

CREATE INDEX idx_runs_created ON pipeline_runs (created_at, run_id);
CREATE INDEX idx_runs_definition_created ON pipeline_runs (definition_id, created_at, run_id);
CREATE INDEX idx_runs_status_created ON pipeline_runs (status, created_at, run_id);
