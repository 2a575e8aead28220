-- 0013: a lease on each claim.
--
-- A row left 'dispatching' means an attempt whose outcome is unknown. A new activation used to resend it at once,
-- but during a graceful hand-over (or Orleans' brief overlap of activations) the previous activation's attempt may
-- still be on the wire, and its outcome about to be written. The claim now records until when it holds
-- (claimed_until: claim time + attempt timeout + a margin) and which silo made it (claimed_by): a new activation
-- waits for a fresh lease to run out, re-reads the row, and resends only if the outcome is still unknown. Both
-- ride on the claim's INSERT or UPDATE (no extra statement); NULL for rows claimed before this column existed
-- (resent at once, as before). Nullable columns without a default rewrite nothing.

ALTER TABLE reminders_occurrences ADD COLUMN claimed_until timestamptz NULL, ADD COLUMN claimed_by text NULL;
