-- 0001: the Orleans query catalogue.
--
-- Each Orleans ADO.NET provider (clustering, grain storage, reminders) runs
--     SELECT QueryKey, QueryText FROM OrleansQuery
-- once at start-up and from then on executes only the SQL texts it found there,
-- keyed by well-known names. The later migrations add their rows here.
--
-- Deviation from the upstream layout: querytext is unbounded text instead of
-- varchar(8000), so a query is never cut short by a length limit.
-- Identifiers are lowercase and unquoted; the providers' unquoted names
-- (OrleansQuery, QueryKey, QueryText) fold to them.

CREATE TABLE orleansquery
(
    querykey  varchar(64) NOT NULL,
    querytext text        NOT NULL,
    CONSTRAINT pk_orleansquery PRIMARY KEY (querykey)
);
