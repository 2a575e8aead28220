-- 0005: the dead-letter index, written by Reminders' grains (not an Orleans provider).
--
-- One row per occurrence that is dead-lettered or uncertain, across all users and schedules, so the API
-- can list them newest first without visiting every grain. Grain state is the truth: a grain writes its
-- state first, then upserts or deletes the row (idempotently), and re-does that on its next activation if
-- it died in between, so the index converges on grain state.

CREATE TABLE reminders_dead_letters
(
    service_id         varchar(150) NOT NULL,
    occurrence_key     text         NOT NULL,
    entity             text         NOT NULL,
    kind               text         NOT NULL,
    status             text         NOT NULL,
    reason             text         NULL,
    due_utc            timestamptz  NOT NULL,
    closed_utc         timestamptz  NOT NULL,
    attempts           integer      NOT NULL,
    last_status_code   integer      NULL,
    last_error         text         NULL,
    last_response_body text         NULL,
    CONSTRAINT pk_reminders_dead_letters PRIMARY KEY (service_id, occurrence_key)
);

-- Keyset pages: newest first within a status, ties broken by key.
CREATE INDEX ix_reminders_dead_letters_page
    ON reminders_dead_letters (service_id, status, closed_utc DESC, occurrence_key DESC);
