-- Tasks created by a step of a definition run (a transcription inside a pipeline): the run and the
-- step key (step id, "#<index>" for a for_each element). One row per run and step key, so a
-- retried store call finds the row it created.
ALTER TABLE tasks ADD COLUMN run_id TEXT;
ALTER TABLE tasks ADD COLUMN run_step TEXT;
CREATE UNIQUE INDEX idx_tasks_run_step ON tasks (run_id, run_step);
