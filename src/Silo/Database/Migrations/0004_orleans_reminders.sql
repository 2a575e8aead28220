-- 0004: durable reminders for the Orleans ADO.NET reminder service.
--
-- Creates:
--   orleansreminderstable  one row per (serviceid, grainid, remindername);
--   an index on (serviceid, grainhash) for the ring-range reads each silo runs on every refresh;
--   the OrleansQuery rows UpsertReminderRowKey, ReadReminderRowsKey, ReadReminderRowKey,
--   ReadRangeRows1Key, ReadRangeRows2Key, DeleteReminderRowKey and DeleteReminderRowsKey.
--
-- Contract with 10.4.2: grainid is GrainId.ToString() (e.g. "type/key"); grainhash is the grain's
-- uniform hash cast to a signed int, and the range bounds are cast the same way, so ranges are
-- compared as signed integers; period is whole milliseconds (bound as int up to int.MaxValue ms,
-- as bigint above); version is the reminder's ETag: 0 on first insert, +1 on every upsert.
--
-- Deviations from the upstream layout, and why:
--   * Added ix_orleansreminderstable_grainhash (serviceid, grainhash); upstream has no index
--     for the range reads, which then scan the whole service's rows.
--   * starttime is timestamptz at full precision (the provider binds UTC DateTime values,
--     Npgsql 6+ needs timestamptz for them).
--   * All statements are plain SQL; no stored functions are needed.
--   * None of the later-main columns (CronExpression, NextDueUtc, ...) exist; 10.4.2 binds none.

CREATE TABLE orleansreminderstable
(
    serviceid    varchar(150) NOT NULL,
    grainid      varchar(150) NOT NULL,
    remindername varchar(150) NOT NULL,
    starttime    timestamptz  NOT NULL,
    period       bigint       NOT NULL,
    grainhash    integer      NOT NULL,
    version      integer      NOT NULL,
    CONSTRAINT pk_orleansreminderstable PRIMARY KEY (serviceid, grainid, remindername)
);

CREATE INDEX ix_orleansreminderstable_grainhash
    ON orleansreminderstable (serviceid, grainhash);

INSERT INTO orleansquery (querykey, querytext) VALUES

-- Insert or replace a reminder; returns its new version in column Version.
('UpsertReminderRowKey', $q$
INSERT INTO orleansreminderstable AS r
    (serviceid, grainid, remindername, starttime, period, grainhash, version)
VALUES
    (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
ON CONFLICT (serviceid, grainid, remindername) DO UPDATE
   SET starttime = excluded.starttime,
       period    = excluded.period,
       grainhash = excluded.grainhash,
       version   = r.version + 1
RETURNING r.version AS version;
$q$),

-- All reminders of one grain.
('ReadReminderRowsKey', $q$
SELECT grainid, remindername, starttime, period, version
  FROM orleansreminderstable
 WHERE serviceid = @ServiceId
   AND grainid = @GrainId;
$q$),

-- One reminder of one grain (no row if absent).
('ReadReminderRowKey', $q$
SELECT grainid, remindername, starttime, period, version
  FROM orleansreminderstable
 WHERE serviceid = @ServiceId
   AND grainid = @GrainId
   AND remindername = @ReminderName;
$q$),

-- Ring range (BeginHash, EndHash] when BeginHash < EndHash as signed ints.
('ReadRangeRows1Key', $q$
SELECT grainid, remindername, starttime, period, version
  FROM orleansreminderstable
 WHERE serviceid = @ServiceId
   AND grainhash > @BeginHash
   AND grainhash <= @EndHash;
$q$),

-- Wrapping ring range: above BeginHash or up to and including EndHash.
('ReadRangeRows2Key', $q$
SELECT grainid, remindername, starttime, period, version
  FROM orleansreminderstable
 WHERE serviceid = @ServiceId
   AND (grainhash > @BeginHash OR grainhash <= @EndHash);
$q$),

-- Conditional delete on the ETag; one boolean column, true if a row was removed.
('DeleteReminderRowKey', $q$
WITH removed AS (
    DELETE FROM orleansreminderstable
     WHERE serviceid = @ServiceId
       AND grainid = @GrainId
       AND remindername = @ReminderName
       AND version = @Version
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM removed) AS deleted;
$q$),

-- Removes every reminder of the service.
('DeleteReminderRowsKey', $q$
DELETE FROM orleansreminderstable
 WHERE serviceid = @ServiceId;
$q$);
