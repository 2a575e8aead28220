-- 0014: business calendars (PUT /api/v1/calendars/{id}) and which schedules use them
-- (Reminders.Silo.Database.PostgresCalendarStore).
--
-- A table rather than a grain per calendar: calendars are listed and paged (a query, which opaque grain state cannot
-- answer), and "refused while a schedule uses it" is a foreign key, so neither order of a concurrent delete and a
-- schedule naming the calendar can leave a schedule with a calendar that is gone. Grains do not read this table per
-- computation: each silo caches a calendar by version (Reminders.Grains.Calendars.CalendarCache).
--
-- version rises on every change; rearmed_version is the version every schedule using the calendar has been re-armed
-- to, so a re-arm job that a crash interrupted is found again and finished by any silo.

CREATE TABLE reminders_calendars
(
    service_id      varchar(150) NOT NULL,
    id              text         COLLATE "C" NOT NULL,
    version         integer      NOT NULL,
    rearmed_version integer      NOT NULL DEFAULT 0,
    dates           date[]       NOT NULL,
    rules           text[]       NOT NULL,
    -- ISO day numbers, Monday 1 to Sunday 7.
    weekend         smallint[]   NOT NULL,
    CONSTRAINT pk_reminders_calendars PRIMARY KEY (service_id, id)
);

-- A schedule's use of a calendar, written by the schedule grain before the state that names it and removed after the
-- state that no longer does: a failure in between leaves an extra row, which can only refuse a delete, never allow one.
CREATE TABLE reminders_calendar_uses
(
    service_id  varchar(150) NOT NULL,
    calendar_id text         COLLATE "C" NOT NULL,
    schedule_id text         COLLATE "C" NOT NULL,
    CONSTRAINT pk_reminders_calendar_uses PRIMARY KEY (service_id, calendar_id, schedule_id),
    CONSTRAINT fk_reminders_calendar_uses_calendar FOREIGN KEY (service_id, calendar_id)
        REFERENCES reminders_calendars (service_id, id) ON DELETE RESTRICT
);

-- Releasing a schedule's uses looks them up by schedule.
CREATE INDEX ix_reminders_calendar_uses_schedule
    ON reminders_calendar_uses (service_id, schedule_id);
