-- Callback deliveries: how many attempts the last delivery made and where it stands
-- (pending while attempts go on, delivered on a 2xx, dead once the retry window closed or the
-- URL was refused). NULL: the task has no callback, or it has not been sent yet.
ALTER TABLE tasks
    ADD COLUMN callback_attempts INT NOT NULL DEFAULT 0,
    ADD COLUMN callback_state VARCHAR(16) NULL;
