-- 0008: where an occurrence's webhook target came from.
--
-- target_from_client is true when the target is a client's own (a schedule's webhookUrl), which is sent only
-- through the guarded connection that refuses loopback, private, link-local and other internal addresses; false
-- when it is the operator's (a kind's configured WebhookUrl, or null for the service default), trusted as given.
-- The flag is fixed with the rest of what is sent when the occurrence falls due, so a retry or a manual replay
-- goes through the same guard.
--
-- Rows written before this column existed keep NULL: the webhook channel then trusts the target only when it is
-- one of the operator's currently configured targets (the service's or the kind's WebhookUrl), and guards any
-- other. Adding a nullable column without a default rewrites nothing.

ALTER TABLE reminders_occurrences ADD COLUMN target_from_client boolean NULL;
