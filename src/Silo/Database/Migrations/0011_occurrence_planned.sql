-- 0011: when a spread occurrence is to be sent.
--
-- A schedule (or kind) with a spread delivers each occurrence at its due time plus an offset in [0, spread)
-- derived from its key. Such an occurrence is written when it falls due, with status 'scheduled', and claimed at
-- planned_utc; the column lets an activation that reads the row back (after a restart, an edit or a deactivation)
-- wait for the same instant. due_utc stays the nominal due time. NULL means planned at due_utc: every row written
-- before this column existed, and every occurrence without a spread. A nullable column without a default
-- rewrites nothing.

ALTER TABLE reminders_occurrences ADD COLUMN planned_utc timestamptz NULL;
