-- 0006: the occurrence ledger, one row per occurrence, written only by the owning grain (not an Orleans provider).
--
-- "At most one message per occurrence key" is the primary key: a new occurrence is recorded (and usually
-- claimed for its first attempt) with INSERT ... ON CONFLICT DO NOTHING, so a key that has a row can never be
-- recorded or sent as new again, by any activation, after any edit, restart or prune. Every later change is an
-- UPDATE fenced on the row's own version (compare and swap), so two racing activations cannot both claim an
-- attempt.
--
-- series and nominal: every row belongs to one series of its entity (a user's birthday, a schedule) and carries
-- the nominal period its key names (the local date-time for schedules, 1 January of the year for yearly user
-- events). The newest row of each series is never deleted: it is the series' high-water mark, and the grain
-- never emits an occurrence whose nominal period is at or below it. That is what keeps a zone edit from
-- re-sending keys, however old the delivered rows are.
--
-- Each series' newest row is the greatest key between '<series>:' and '<series>;' (';' follows ':'), and an entity's
-- rows are the keys between '<entity>:' and '<entity>;': the primary key serves the high-water mark, retention's "is
-- there a newer row in this series" and an entity's history (sorted by due time from that range, which retention
-- keeps to a few thousand rows), with no further index to keep up on every write. Each index a delivery touches
-- costs WAL, and, for an index ordered by entity, a full page image per entity after every checkpoint: measured
-- on the recurring herd, each such index added about 8 KB of WAL per delivery.
--
-- Retention (Reminders:Ledger:Retention) deletes delivered and skipped rows older than the window, except each
-- series' newest; dead-lettered and uncertain rows stay until retried or discarded; open rows always stay.
--
-- The dead-letter index of 0005 is folded in: dead letters and uncertain occurrences are rows with that
-- status. Its rows are copied here (without their payload, which only grain state held; the grain completes
-- them, replacing these version-0 rows, when it moves its old in-state ledger into this table on its first
-- activation), then it is dropped.

CREATE TABLE reminders_occurrences
(
    service_id           varchar(150) NOT NULL,
    -- Byte order ("C"): a series' keys are its id, ':' and a period that sorts in time order (a four-digit year,
    -- or yyyyMMddTHHmmss), so the primary key also finds each series' newest row, without an index of its own.
    occurrence_key       text         COLLATE "C" NOT NULL,
    entity               text         NOT NULL,
    series               text         COLLATE "C" NOT NULL,
    nominal              timestamp    NOT NULL,
    kind                 text         NOT NULL,
    local_time           timestamp    NOT NULL,
    due_utc              timestamptz  NOT NULL,
    deadline_utc         timestamptz  NOT NULL,
    status               text         NOT NULL,
    attempts             integer      NOT NULL DEFAULT 0,
    attempt_budget_start integer      NOT NULL DEFAULT 0,
    max_attempts         integer      NOT NULL DEFAULT 0,
    late                 boolean      NOT NULL DEFAULT false,
    last_attempt_utc     timestamptz  NULL,
    next_attempt_utc     timestamptz  NULL,
    delivered_utc        timestamptz  NULL,
    closed_utc           timestamptz  NULL,
    reason               text         NULL,
    last_error           text         NULL,
    last_status_code     integer      NULL,
    last_response_body   text         NULL,
    channel              text         NOT NULL,
    target               text         NULL,
    recipient            jsonb        NOT NULL DEFAULT '{}',
    message              text         NOT NULL,
    guarantee            text         NOT NULL,
    tzdb_version         text         NULL,
    adjustments          integer      NOT NULL DEFAULT 0,
    history              jsonb        NOT NULL DEFAULT '[]',
    version              integer      NOT NULL,
    CONSTRAINT pk_reminders_occurrences PRIMARY KEY (service_id, occurrence_key),
    CONSTRAINT ck_reminders_occurrences_status CHECK
        (status IN ('scheduled', 'dispatching', 'delivered', 'retrying', 'deadLettered', 'skipped', 'uncertain'))
);

-- Every occurrence across entities, newest due first; also retention's scan of old rows.
CREATE INDEX ix_reminders_occurrences_due
    ON reminders_occurrences (service_id, due_utc DESC, occurrence_key DESC);

-- Dead letters and uncertain occurrences, newest closed first (GET /api/v1/dead-letters). Small: rows leave it
-- when retried or discarded.
CREATE INDEX ix_reminders_occurrences_listed
    ON reminders_occurrences (service_id, status, closed_utc DESC, occurrence_key DESC)
    WHERE status IN ('deadLettered', 'uncertain');

-- What an activation must still attempt, read once when it starts. Small: rows leave it when they close.
CREATE INDEX ix_reminders_occurrences_open
    ON reminders_occurrences (service_id, entity)
    WHERE status IN ('scheduled', 'dispatching', 'retrying');

INSERT INTO reminders_occurrences
    (service_id, occurrence_key, entity, series, nominal, kind, local_time, due_utc, deadline_utc, status, attempts,
     closed_utc, reason, last_error, last_status_code, last_response_body, channel, message, guarantee, version)
SELECT d.service_id, d.occurrence_key, d.entity,
       -- Users' keys end in the year: their series is the key without it, their nominal period the year. A
       -- schedule is one series, and its keys end in the local date-time, which is its nominal period.
       CASE WHEN d.entity LIKE 'user:%' THEN regexp_replace(d.occurrence_key, ':[0-9]+$', '') ELSE d.entity END,
       CASE WHEN d.entity LIKE 'user:%'
            THEN make_timestamp(substring(d.occurrence_key FROM ':([0-9]+)$')::int, 1, 1, 0, 0, 0)
            ELSE to_timestamp(substring(d.occurrence_key FROM ':([0-9]{8}T[0-9]{6})$'), 'YYYYMMDD"T"HH24MISS')::timestamp END,
       d.kind,
       -- A user's local time is not in its key (the grain fills it in): the due time in UTC stands in for it.
       CASE WHEN d.entity LIKE 'user:%'
            THEN d.due_utc AT TIME ZONE 'UTC'
            ELSE to_timestamp(substring(d.occurrence_key FROM ':([0-9]{8}T[0-9]{6})$'), 'YYYYMMDD"T"HH24MISS')::timestamp END,
       d.due_utc, d.closed_utc, d.status, d.attempts,
       d.closed_utc, d.reason, d.last_error, d.last_status_code, d.last_response_body,
       'webhook', '', 'atLeastOnce', 0
  FROM reminders_dead_letters d;

DROP TABLE reminders_dead_letters;
