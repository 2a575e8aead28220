-- 0002: cluster membership for Orleans ADO.NET clustering (silos and gateway-list clients).
--
-- Creates:
--   orleansmembershipversiontable  one row per cluster (DeploymentId = ClusterOptions.ClusterId)
--                                  holding the table version that every membership write must match;
--   orleansmembershiptable         one row per silo incarnation (address, port, generation);
--   orleans_membership_insert / orleans_membership_update
--                                  conditional writes that bump the table version and change the
--                                  silo row as one unit, or change nothing;
--   the OrleansQuery rows the 10.4.2 clustering provider requires, plus the optional
--   CleanupDefunctSiloEntryKey.
--
-- Deviations from the upstream layout, and why:
--   * All times are timestamptz (full precision). The provider binds UTC DateTime values and
--     Npgsql 6+ refuses to mix them with "timestamp without time zone".
--   * A conditional write that loses (stale version, duplicate silo row, missing silo row) leaves
--     nothing behind: the version bump is undone with the row change via an exception block
--     (RAISE, not ASSERT, so it still works when plpgsql.check_asserts is off).
--   * IAmAliveTime never moves backwards (GREATEST), so a delayed write cannot make a live silo
--     look stale.
--   * Dead-row cleanup only ever removes rows whose status is Dead (6). The optional
--     CleanupDefunctSiloEntryKey (10.4.2 binds DeploymentId, Address, Port, Generation, StartTime,
--     IAmAliveTime, SuspectTimes, all as read a moment earlier) deletes a row only if it is still
--     exactly as it was read, so a row that changed in between survives.
--   * Deleting a cluster's version row cascades to its silo rows (ON DELETE CASCADE), which makes
--     DeleteMembershipTableEntriesKey one statement.
--   * siloname, hostname and suspecttimes are text (no arbitrary length limit); proxyport is
--     NOT NULL because the provider reads it with GetInt32 and always binds it.
--   * The version table's bookkeeping column is called lastmodified (the provider never reads it).

CREATE TABLE orleansmembershipversiontable
(
    deploymentid varchar(150) NOT NULL,
    lastmodified timestamptz  NOT NULL DEFAULT now(),
    version      integer      NOT NULL DEFAULT 0,
    CONSTRAINT pk_orleansmembershipversiontable PRIMARY KEY (deploymentid)
);

CREATE TABLE orleansmembershiptable
(
    deploymentid varchar(150) NOT NULL,
    address      varchar(45)  NOT NULL,
    port         integer      NOT NULL,
    generation   integer      NOT NULL,
    siloname     text         NOT NULL,
    hostname     text         NOT NULL,
    status       integer      NOT NULL,
    proxyport    integer      NOT NULL DEFAULT 0,
    suspecttimes text         NULL,
    starttime    timestamptz  NOT NULL,
    iamalivetime timestamptz  NOT NULL,
    CONSTRAINT pk_orleansmembershiptable PRIMARY KEY (deploymentid, address, port, generation),
    CONSTRAINT fk_orleansmembershiptable_version FOREIGN KEY (deploymentid)
        REFERENCES orleansmembershipversiontable (deploymentid) ON DELETE CASCADE
);

-- Adds a silo row, but only if the caller still holds the current table version.
-- Returns true when both the version bump and the new row were written, false when neither was.
CREATE FUNCTION orleans_membership_insert(
    p_deploymentid text,
    p_address      text,
    p_port         integer,
    p_generation   integer,
    p_siloname     text,
    p_hostname     text,
    p_status       integer,
    p_proxyport    integer,
    p_starttime    timestamptz,
    p_iamalivetime timestamptz,
    p_version      integer)
RETURNS boolean
LANGUAGE plpgsql
AS $body$
BEGIN
    -- Bumping the version row also row-locks it, so membership writers of one cluster
    -- are serialised; a writer that waited re-checks the version and loses cleanly.
    UPDATE orleansmembershipversiontable
       SET version = version + 1,
           lastmodified = now()
     WHERE deploymentid = p_deploymentid
       AND version = p_version;

    IF NOT FOUND THEN
        RETURN false;
    END IF;

    INSERT INTO orleansmembershiptable
        (deploymentid, address, port, generation, siloname, hostname,
         status, proxyport, suspecttimes, starttime, iamalivetime)
    VALUES
        (p_deploymentid, p_address, p_port, p_generation, p_siloname, p_hostname,
         p_status, coalesce(p_proxyport, 0), NULL, p_starttime, p_iamalivetime);

    RETURN true;
EXCEPTION
    WHEN unique_violation THEN
        -- The silo row already exists. Leaving this block rolls back the version bump too.
        RETURN false;
END;
$body$;

-- Changes a silo's status, suspicion list and liveness time, but only if the caller still holds
-- the current table version and the row exists. Returns true when written, false when nothing changed.
CREATE FUNCTION orleans_membership_update(
    p_deploymentid text,
    p_address      text,
    p_port         integer,
    p_generation   integer,
    p_status       integer,
    p_suspecttimes text,
    p_iamalivetime timestamptz,
    p_version      integer)
RETURNS boolean
LANGUAGE plpgsql
AS $body$
BEGIN
    UPDATE orleansmembershipversiontable
       SET version = version + 1,
           lastmodified = now()
     WHERE deploymentid = p_deploymentid
       AND version = p_version;

    IF NOT FOUND THEN
        RETURN false;
    END IF;

    UPDATE orleansmembershiptable
       SET status       = p_status,
           suspecttimes = p_suspecttimes,
           iamalivetime = greatest(iamalivetime, p_iamalivetime)
     WHERE deploymentid = p_deploymentid
       AND address = p_address
       AND port = p_port
       AND generation = p_generation;

    IF NOT FOUND THEN
        -- No such silo row: undo the version bump by failing this block.
        RAISE EXCEPTION 'membership row not found' USING ERRCODE = 'no_data_found';
    END IF;

    RETURN true;
EXCEPTION
    WHEN no_data_found THEN
        RETURN false;
END;
$body$;

INSERT INTO orleansquery (querykey, querytext) VALUES

-- Creates the cluster's version row if missing. One boolean column: true if it was created now.
('InsertMembershipVersionKey', $q$
WITH created AS (
    INSERT INTO orleansmembershipversiontable (deploymentid)
    VALUES (@DeploymentId)
    ON CONFLICT (deploymentid) DO NOTHING
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM created) AS created;
$q$),

-- Conditional insert of a silo row; one boolean column.
('InsertMembershipKey', $q$
SELECT orleans_membership_insert(
    @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName,
    @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version) AS inserted;
$q$),

-- Conditional update of a silo row; one boolean column.
('UpdateMembershipKey', $q$
SELECT orleans_membership_update(
    @DeploymentId, @Address, @Port, @Generation,
    @Status, @SuspectTimes, @IAmAliveTime, @Version) AS updated;
$q$),

-- Liveness heartbeat; not versioned, result not read.
('UpdateIAmAlivetimeKey', $q$
UPDATE orleansmembershiptable
   SET iamalivetime = greatest(iamalivetime, @IAmAliveTime)
 WHERE deploymentid = @DeploymentId
   AND address = @Address
   AND port = @Port
   AND generation = @Generation;
$q$),

-- One silo plus the table version. The version row is always returned (left join),
-- with NULL silo columns when the silo has no row.
('MembershipReadRowKey', $q$
SELECT v.deploymentid, m.address, m.port, m.generation, m.siloname, m.hostname,
       m.status, m.proxyport, m.suspecttimes, m.starttime, m.iamalivetime, v.version
  FROM orleansmembershipversiontable AS v
  LEFT JOIN orleansmembershiptable AS m
         ON m.deploymentid = v.deploymentid
        AND m.address = @Address
        AND m.port = @Port
        AND m.generation = @Generation
 WHERE v.deploymentid = @DeploymentId;
$q$),

-- Every silo of the cluster plus the table version (version row always returned).
('MembershipReadAllKey', $q$
SELECT v.deploymentid, m.address, m.port, m.generation, m.siloname, m.hostname,
       m.status, m.proxyport, m.suspecttimes, m.starttime, m.iamalivetime, v.version
  FROM orleansmembershipversiontable AS v
  LEFT JOIN orleansmembershiptable AS m
         ON m.deploymentid = v.deploymentid
 WHERE v.deploymentid = @DeploymentId;
$q$),

-- Gateways for clients: silos with the given status (Active) that listen for clients.
('GatewaysQueryKey', $q$
SELECT address, proxyport, generation
  FROM orleansmembershiptable
 WHERE deploymentid = @DeploymentId
   AND status = @Status
   AND proxyport > 0;
$q$),

-- Removes the whole cluster: the version row, and its silo rows by cascade.
('DeleteMembershipTableEntriesKey', $q$
DELETE FROM orleansmembershipversiontable
 WHERE deploymentid = @DeploymentId;
$q$),

-- Required, but 10.4.2 only runs it when CleanupDefunctSiloEntryKey is absent: removes Dead silos
-- that neither started, heartbeated nor received a suspicion vote at or after the cut-off.
-- Votes are stored as 'silo,yyyy-MM-dd HH:mm:ss.fff GMT' joined by '|'; they are read with an
-- explicit +00 offset so the session TimeZone does not matter.
('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM orleansmembershiptable AS m
 WHERE m.deploymentid = @DeploymentId
   AND m.status = 6
   AND m.starttime < @IAmAliveTime
   AND m.iamalivetime < @IAmAliveTime
   AND NOT EXISTS (
        SELECT 1
          FROM unnest(string_to_array(coalesce(m.suspecttimes, ''), '|')) AS vote(entry)
         WHERE vote.entry <> ''
           AND replace(split_part(vote.entry, ',', 2), ' GMT', '+00')::timestamptz >= @IAmAliveTime);
$q$),

-- Optional (10.4.2): removes one Dead silo row, only if it still holds exactly the values the
-- provider read before deciding it was defunct.
('CleanupDefunctSiloEntryKey', $q$
DELETE FROM orleansmembershiptable
 WHERE deploymentid = @DeploymentId
   AND address = @Address
   AND port = @Port
   AND generation = @Generation
   AND status = 6
   AND starttime = @StartTime
   AND iamalivetime = @IAmAliveTime
   AND coalesce(suspecttimes, '') = coalesce(@SuspectTimes, '');
$q$);
