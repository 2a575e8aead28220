-- 0003: grain state storage for the Orleans ADO.NET grain storage provider.
--
-- Creates:
--   orleansstorage         one row per stored grain state, identified by
--                          (serviceid, graintypehash, grainidhash, grainidn0, grainidn1,
--                           graintypestring, grainidextensionstring);
--   orleans_storage_write  the versioned write behind WriteToStorageKey;
--   the OrleansQuery rows WriteToStorageKey, ReadFromStorageKey, ClearStorageKey and
--   DeleteStorageKey.
--
-- Concurrency contract with 10.4.2 (AdoNetGrainStorage.CheckVersionInconsistency): the write and
-- clear queries return the new version; returning NULL or no row at all tells the provider the
-- write lost, and it throws InconsistentStateException. version is the grain's ETag.
--
-- Deviations from the upstream layout, and why:
--   * The full storage identity is a UNIQUE NULLS NOT DISTINCT key (grainidextensionstring is
--     NULL for keys without an extension). Two racing first writes (both with a null ETag) can no
--     longer both insert: the loser's INSERT ... ON CONFLICT DO NOTHING writes nothing and returns
--     NULL, which surfaces as InconsistentStateException, not as a unique-violation error.
--     The unique key's index also serves every lookup, so no separate hash index is created.
--   * Only payloadbinary is kept; 10.4.2 never binds PayloadJson/PayloadXml.
--   * version is NOT NULL; modifiedon is timestamptz set by the server.
--   * DeleteStorageKey is provided (upstream PostgreSQL has none), so DeleteStateOnClear=true works.
--   * Limit: the unique index holds both strings, and a btree entry may not exceed about 2.7 kB;
--     identities whose strings are long and mostly multi-byte can exceed it and fail to write.

CREATE TABLE orleansstorage
(
    serviceid              varchar(150) NOT NULL,
    graintypehash          integer      NOT NULL,
    grainidhash            integer      NOT NULL,
    grainidn0              bigint       NOT NULL,
    grainidn1              bigint       NOT NULL,
    graintypestring        varchar(512) NOT NULL,
    grainidextensionstring varchar(512) NULL,
    payloadbinary          bytea        NULL,
    version                integer      NOT NULL,
    modifiedon             timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT uq_orleansstorage_identity UNIQUE NULLS NOT DISTINCT
        (serviceid, graintypehash, grainidhash, grainidn0, grainidn1,
         graintypestring, grainidextensionstring)
);

-- p_expected_version NULL means "the caller has never seen a stored row": insert version 1,
-- unless a row already exists (then nothing is written).
-- Otherwise: replace the payload only if the stored version still equals p_expected_version.
-- Returns the new version, or NULL when nothing was written.
CREATE FUNCTION orleans_storage_write(
    p_grainidhash            integer,
    p_grainidn0              bigint,
    p_grainidn1              bigint,
    p_graintypehash          integer,
    p_graintypestring        text,
    p_grainidextensionstring text,
    p_serviceid              text,
    p_expected_version       integer,
    p_payloadbinary          bytea)
RETURNS integer
LANGUAGE plpgsql
AS $body$
DECLARE
    written_version integer;
BEGIN
    IF p_expected_version IS NULL THEN
        -- A concurrent insert of the same identity makes this wait for it; if it commits,
        -- ON CONFLICT skips the row and written_version stays NULL.
        INSERT INTO orleansstorage
            (serviceid, graintypehash, grainidhash, grainidn0, grainidn1,
             graintypestring, grainidextensionstring, payloadbinary, version, modifiedon)
        VALUES
            (p_serviceid, p_graintypehash, p_grainidhash, p_grainidn0, p_grainidn1,
             p_graintypestring, p_grainidextensionstring, p_payloadbinary, 1, now())
        ON CONFLICT ON CONSTRAINT uq_orleansstorage_identity DO NOTHING
        RETURNING version INTO written_version;
    ELSE
        UPDATE orleansstorage
           SET payloadbinary = p_payloadbinary,
               version = version + 1,
               modifiedon = now()
         WHERE serviceid = p_serviceid
           AND graintypehash = p_graintypehash
           AND grainidhash = p_grainidhash
           AND grainidn0 = p_grainidn0
           AND grainidn1 = p_grainidn1
           AND graintypestring = p_graintypestring
           AND grainidextensionstring IS NOT DISTINCT FROM p_grainidextensionstring
           AND version = p_expected_version
        RETURNING version INTO written_version;
    END IF;

    RETURN written_version;
END;
$body$;

INSERT INTO orleansquery (querykey, querytext) VALUES

-- One row, one column NewGrainStateVersion (NULL = version conflict).
('WriteToStorageKey', $q$
SELECT orleans_storage_write(
    @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
    @GrainIdExtensionString, @ServiceId, @GrainStateVersion, @PayloadBinary) AS newgrainstateversion;
$q$),

-- The stored payload (NULL after a clear) and version; no row when nothing was ever written.
('ReadFromStorageKey', $q$
SELECT payloadbinary, version
  FROM orleansstorage
 WHERE serviceid = @ServiceId
   AND graintypehash = @GrainTypeHash
   AND grainidhash = @GrainIdHash
   AND grainidn0 = @GrainIdN0
   AND grainidn1 = @GrainIdN1
   AND graintypestring = @GrainTypeString
   AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString;
$q$),

-- Clears the payload but keeps the row and its version counter, if the version still matches.
-- Returns the new version in the first column, or no row on a conflict.
('ClearStorageKey', $q$
UPDATE orleansstorage
   SET payloadbinary = NULL,
       version = version + 1,
       modifiedon = now()
 WHERE serviceid = @ServiceId
   AND graintypehash = @GrainTypeHash
   AND grainidhash = @GrainIdHash
   AND grainidn0 = @GrainIdN0
   AND grainidn1 = @GrainIdN1
   AND graintypestring = @GrainTypeString
   AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
   AND version = @GrainStateVersion
RETURNING version AS newgrainstateversion;
$q$),

-- Used instead of ClearStorageKey when DeleteStateOnClear = true: removes the row if the version
-- still matches. The first column must be non-empty and differ from the caller's ETag for the
-- provider to accept it, so the would-be next version is returned; no row means a conflict.
('DeleteStorageKey', $q$
DELETE FROM orleansstorage
 WHERE serviceid = @ServiceId
   AND graintypehash = @GrainTypeHash
   AND grainidhash = @GrainIdHash
   AND grainidn0 = @GrainIdN0
   AND grainidn1 = @GrainIdN1
   AND graintypestring = @GrainTypeString
   AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
   AND version = @GrainStateVersion
RETURNING version + 1 AS newgrainstateversion;
$q$);
