-- 0010: the entity catalog, one row per user and schedule, that GET /api/v1/users, GET /api/v1/schedules and the
-- operator console list, search and filter (Reminders.Silo.Database.PostgresEntityCatalog).
--
-- Grain state is an opaque binary payload in orleansstorage, so it cannot be queried; this table is a projection
-- of it. The owning grain upserts its row after every state write (create, edit, pause, resume, delete) and when
-- it activates. Each row carries the state row's version (orleansstorage.version, the grain's ETag), and an upsert
-- only replaces a row with an older version (or the same version and different content): a late write from a
-- stale activation never overwrites a newer one. A deleted entity keeps a tombstone row (deleted = true), like its
-- grain state, so an older write cannot bring it back. What a crash between the state write and the upsert leaves
-- behind, the repair sweep (Reminders.Silo.Catalog.CatalogRepairService) finds by comparing this table with
-- orleansstorage, slice by slice of the grain hash, and asks those grains to write their rows again.
--
-- Not here: the next due time and the dead-letter count. The next due time is the start time of the entity's
-- reminder (orleansreminderstable, joined on grain_id), which the grain keeps pointed at its next wake anyway;
-- dead letters are ledger rows in the small partial index ix_reminders_occurrences_listed. So a delivery writes
-- nothing here.

CREATE TABLE reminders_entities
(
    service_id      varchar(150) NOT NULL,
    entity          text         COLLATE "C" NOT NULL,
    entity_type     text         NOT NULL,
    id              text         COLLATE "C" NOT NULL,
    -- GrainId.ToString(), as orleansreminderstable.grainid stores it ("schedule/s-standup").
    grain_id        text         NOT NULL,
    storage_version integer      NOT NULL,
    version         integer      NOT NULL,
    deleted         boolean      NOT NULL,
    event_kinds     text[]       NOT NULL,
    zone            text         NOT NULL,
    paused          boolean      NOT NULL,
    rule_text       text         NOT NULL,
    search_text     text         NOT NULL,
    CONSTRAINT pk_reminders_entities PRIMARY KEY (service_id, entity),
    CONSTRAINT ck_reminders_entities_type CHECK (entity_type IN ('user', 'schedule'))
);

-- The lists: one type's live entities in id order, the keyset of every page.
CREATE INDEX ix_reminders_entities_list
    ON reminders_entities (service_id, entity_type, id)
    WHERE NOT deleted;

-- The repair sweep's lookup from a grain-state row to its catalog row.
CREATE INDEX ix_reminders_entities_grain
    ON reminders_entities (service_id, grain_id);
