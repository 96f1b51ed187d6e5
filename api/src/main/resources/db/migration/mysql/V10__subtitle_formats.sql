-- The subtitle files a task asked for at create (subtitle_formats): comma-separated format names
-- such as 'srt,vtt', kept so that a restarted task's pipeline writes them too. NULL: none.
ALTER TABLE tasks ADD COLUMN subtitle_formats VARCHAR(64) NULL;
