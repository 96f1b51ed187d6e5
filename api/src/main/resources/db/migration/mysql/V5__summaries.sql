-- LLM summaries of a task's transcript (MySQL / MariaDB), written by POST /api/chatgpt/summary
-- with save_to_database. Times are UTC epoch milliseconds. The API key is never stored. Deleting
-- the task deletes its summaries.
CREATE TABLE task_summaries (
    id              BIGINT       NOT NULL AUTO_INCREMENT,
    task_id         BIGINT       NOT NULL,
    summary         LONGTEXT     NOT NULL,
    model           VARCHAR(255) NOT NULL,
    prompt          MEDIUMTEXT   NOT NULL,
    output_language VARCHAR(64)  NOT NULL,
    chunks          INT          NOT NULL,
    created_at      BIGINT       NOT NULL,
    PRIMARY KEY (id),
    INDEX idx_task_summaries_task (task_id, id),
    CONSTRAINT fk_task_summaries_task FOREIGN KEY (task_id) REFERENCES tasks (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
