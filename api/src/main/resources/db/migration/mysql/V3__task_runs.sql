-- Tasks created by a step of a definition run (a transcription inside a pipeline): the run and the
-- step key (step id, "#<index>" for a for_each element). One row per run and step key, so a
-- retried store call finds the row it created. A task's stage is the id of its running step.
ALTER TABLE tasks
    MODIFY stage VARCHAR(200) NOT NULL,
    ADD COLUMN run_id VARCHAR(200) NULL,
    ADD COLUMN run_step VARCHAR(220) NULL,
    ADD UNIQUE INDEX idx_tasks_run_step (run_id, run_step);
