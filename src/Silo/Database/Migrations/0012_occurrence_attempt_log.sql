-- 0012: each occurrence's recent attempts.
--
-- The row kept only the last attempt's time, status code and error; an operator looking at an occurrence that
-- was retried wants each attempt. The log rides on the outcome's UPDATE the dispatch loop writes anyway (no
-- extra statement per delivery), holds at most the last 20 attempts, and is NULL for rows written before it
-- existed (read as empty). A nullable column without a default rewrites nothing.

ALTER TABLE reminders_occurrences ADD COLUMN attempt_log jsonb NULL;
