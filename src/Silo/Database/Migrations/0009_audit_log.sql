-- 0009: the audit log, one row per change made through the API (Reminders.Silo.Database.PostgresAuditLog).
--
-- Written by the API after a change succeeded, never by grains: who (the API key's name, or 'anonymous' when
-- authentication is off), what (an action such as schedule.pause), which entity (user:<id> or schedule:<id>)
-- and, for retry and discard, which occurrence, when (the service clock) and why (the caller's reason).
-- Rows are only ever inserted. The identity column orders rows written at the same instant.

CREATE TABLE reminders_audit_log
(
    service_id     varchar(150) NOT NULL,
    id             bigint       GENERATED ALWAYS AS IDENTITY,
    at_utc         timestamptz  NOT NULL,
    actor          text         NOT NULL,
    action         text         NOT NULL,
    entity         text         NOT NULL,
    occurrence_key text         NULL,
    reason         text         NULL,
    CONSTRAINT pk_reminders_audit_log PRIMARY KEY (service_id, id)
);

-- GET /api/v1/audit, newest first, in keyset pages on (at_utc, id).
CREATE INDEX ix_reminders_audit_log_at
    ON reminders_audit_log (service_id, at_utc DESC, id DESC);

-- The same for one entity (?entity=user:ada).
CREATE INDEX ix_reminders_audit_log_entity
    ON reminders_audit_log (service_id, entity, at_utc DESC, id DESC);
