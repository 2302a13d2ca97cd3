-- Web console sessions: a session cookie that also ends after a spell of inactivity.
-- Both columns stay NULL for the CLI's bearer sessions, which only expire.
ALTER TABLE web_sessions ADD COLUMN idle_timeout_seconds INTEGER;
ALTER TABLE web_sessions ADD COLUMN last_used_at TIMESTAMP WITH TIME ZONE;
