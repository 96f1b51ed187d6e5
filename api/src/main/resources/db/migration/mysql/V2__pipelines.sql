-- Pipeline definitions and runs (MySQL / MariaDB). Times are UTC epoch milliseconds (BIGINT).
-- A definition is stored once per version; content is the definition JSON (with its version),
-- content_hash the SHA-256 of that JSON without the version, to recognise a re-sent definition.
CREATE TABLE pipeline_definitions (
    id           VARCHAR(64)  NOT NULL,
    version      INT          NOT NULL,
    description  TEXT,
    content      LONGTEXT     NOT NULL,
    content_hash CHAR(64)     NOT NULL,
    trigger_type VARCHAR(16)  NOT NULL,
    created_at   BIGINT       NOT NULL,
    PRIMARY KEY (id, version)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- One row per run; the workflow is the source of truth and reports the end (runEnded).
CREATE TABLE pipeline_runs (
    run_id             VARCHAR(64)  NOT NULL,
    definition_id      VARCHAR(64)  NOT NULL,
    definition_version INT          NOT NULL,
    status             VARCHAR(16)  NOT NULL,
    inputs             LONGTEXT     NOT NULL,
    outputs            LONGTEXT,
    error              TEXT,
    created_at         BIGINT       NOT NULL,
    updated_at         BIGINT       NOT NULL,
    ended_at           BIGINT,
    PRIMARY KEY (run_id),
    INDEX idx_runs_created (created_at, run_id),
    INDEX idx_runs_definition_created (definition_id, created_at, run_id),
    INDEX idx_runs_status_created (status, created_at, run_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
