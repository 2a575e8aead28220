-- 0007: an index for the overdue sweep (Reminders.Silo.Database.PostgresOverdueReminders).
--
-- When a silo starts, or its share of the ring grows, it reads the reminders of its ring range whose start
-- time has passed, oldest first, in keyset pages on (starttime, grainid). Without this index each page
-- scanned every reminder row of the service and sorted the overdue ones. With it a page is one ordered
-- walk of the overdue entries only (starttime <= now, a small part of the table: most reminders point at a
-- future wake). It starts at the page's keyset position and stops after a page of matches, with no sort.
--   * Key (serviceid, remindername, starttime, grainid): the equality columns first, then the sort order.
--     This lets the row comparison (starttime, grainid) > (last page's end) seek into the index.
--   * INCLUDE (grainhash): each entry is tested against the silo's hash ranges in the index itself. The
--     statement reads no other column, so the scan can be index-only and skip the heap for rows of other
--     silos' ranges.
-- ix_orleansreminderstable_grainhash (0004) still serves the provider's own range reads, which filter by
-- hash and have no order.
--
-- Costs: reminder re-registrations change starttime, so with this index they are no longer HOT updates.
-- (They seldom were: the table's pages are full.) A plain CREATE INDEX blocks writes to the table while it
-- builds. The migrator runs every pending script in one transaction under an advisory lock, so CREATE INDEX
-- CONCURRENTLY, which cannot run in a transaction, is not possible here. On a large table, the silo that
-- applies this migration holds up reminder writes for the length of the build.

CREATE INDEX ix_orleansreminderstable_overdue
    ON orleansreminderstable (serviceid, remindername, starttime, grainid)
    INCLUDE (grainhash);
