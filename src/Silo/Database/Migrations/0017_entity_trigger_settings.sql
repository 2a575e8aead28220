-- 0017: what each entity's armed trigger was last checked against, in its catalog row, so the re-arm sweep
-- (Reminders.Silo.Catalog.RearmSweep) finds the entities a new zone database or changed kind settings may move
-- without reading every grain state (an opaque binary payload).
--
-- trigger_settings is the stamp of the silo that last confirmed the entity's trigger was computed with the
-- silo's own settings (Reminders.Grains.Entities.TriggerSettings: the zone database version and a hash of every
-- kind's LocalTime and Template); null when the entity's trigger was not current (it is re-armed on its next
-- activation) or the row was written before this migration. A silo that starts sweeps the rows whose stamp
-- differs from its own and activates those entities, which re-arm and write their row again with the new stamp.
-- Nullable without a default, so a silo of the previous release keeps writing its rows unchanged.

ALTER TABLE reminders_entities ADD COLUMN trigger_settings text;
