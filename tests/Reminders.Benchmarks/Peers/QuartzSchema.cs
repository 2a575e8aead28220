using Npgsql;

namespace Reminders.Benchmarks.Peers;

/// <summary>
/// The PostgreSQL tables Quartz.NET 4.7's ADO.NET job store reads and writes, under the <c>qrtz_</c> prefix,
/// created only where missing.
/// </summary>
/// <remarks>
/// Written for this benchmark from the column lists Quartz publishes; Quartz's own schema check
/// (<c>SchemaProvisioning.Validate</c>, its default) runs when the scheduler is built and names anything this
/// gets wrong. The optional execution-history tables are left out: this peer does not turn that feature on,
/// and Quartz only looks for them when it is on.
/// </remarks>
public static class QuartzSchema
{
    /// <summary>The table prefix, as Quartz's <c>quartz.jobStore.tablePrefix</c> wants it.</summary>
    public const string TablePrefix = "qrtz_";

    // Serializes concurrent peers preparing one database (two clustered nodes starting together would
    // otherwise race on CREATE TABLE IF NOT EXISTS, which is not atomic in PostgreSQL).
    private const long AdvisoryLockKey = 0x5152_545A_5343_4845; // "QRTZSCHE"

    private static readonly string[] Statements =
    [
        """
        CREATE TABLE IF NOT EXISTS qrtz_job_details (
            sched_name TEXT NOT NULL,
            job_name TEXT NOT NULL,
            job_group TEXT NOT NULL,
            description TEXT,
            job_class_name TEXT NOT NULL,
            is_durable BOOLEAN NOT NULL,
            is_nonconcurrent BOOLEAN NOT NULL,
            is_update_data BOOLEAN NOT NULL,
            requests_recovery BOOLEAN NOT NULL,
            job_data BYTEA,
            PRIMARY KEY (sched_name, job_name, job_group))
        """,
        """
        CREATE TABLE IF NOT EXISTS qrtz_triggers (
            sched_name TEXT NOT NULL,
            trigger_name TEXT NOT NULL,
            trigger_group TEXT NOT NULL,
            job_name TEXT NOT NULL,
            job_group TEXT NOT NULL,
            description TEXT,
            next_fire_time BIGINT,
            prev_fire_time BIGINT,
            priority INTEGER,
            trigger_state TEXT NOT NULL,
            trigger_type TEXT NOT NULL,
            start_time BIGINT NOT NULL,
            end_time BIGINT,
            calendar_name TEXT,
            misfire_instr SMALLINT,
            misfire_orig_fire_time BIGINT,
            execution_group VARCHAR(200),
            preferred_node VARCHAR(200),
            preferred_node_auto BOOLEAN NOT NULL DEFAULT FALSE,
            retry_policy VARCHAR(250),
            retry_attempt INTEGER,
            continues_trigger_name TEXT,
            continues_trigger_group TEXT,
            continuation_condition INTEGER,
            overlap_policy INTEGER,
            pause_reason VARCHAR(250),
            paused_by VARCHAR(200),
            paused_at BIGINT,
            misfire_threshold BIGINT,
            fixed_delay BOOLEAN,
            job_data BYTEA,
            PRIMARY KEY (sched_name, trigger_name, trigger_group),
            FOREIGN KEY (sched_name, job_name, job_group) REFERENCES qrtz_job_details (sched_name, job_name, job_group))
        """,
        """
        CREATE TABLE IF NOT EXISTS qrtz_simple_triggers (
            sched_name TEXT NOT NULL,
            trigger_name TEXT NOT NULL,
            trigger_group TEXT NOT NULL,
            repeat_count BIGINT NOT NULL,
            repeat_interval BIGINT NOT NULL,
            times_triggered BIGINT NOT NULL,
            PRIMARY KEY (sched_name, trigger_name, trigger_group),
            FOREIGN KEY (sched_name, trigger_name, trigger_group)
                REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE)
        """,
        """
        CREATE TABLE IF NOT EXISTS qrtz_cron_triggers (
            sched_name TEXT NOT NULL,
            trigger_name TEXT NOT NULL,
            trigger_group TEXT NOT NULL,
            cron_expression TEXT NOT NULL,
            time_zone_id TEXT,
            PRIMARY KEY (sched_name, trigger_name, trigger_group),
            FOREIGN KEY (sched_name, trigger_name, trigger_group)
                REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE)
        """,
        """
        CREATE TABLE IF NOT EXISTS qrtz_simprop_triggers (
            sched_name TEXT NOT NULL,
            trigger_name TEXT NOT NULL,
            trigger_group TEXT NOT NULL,
            str_prop_1 TEXT,
            str_prop_2 TEXT,
            str_prop_3 TEXT,
            int_prop_1 INTEGER,
            int_prop_2 INTEGER,
            long_prop_1 BIGINT,
            long_prop_2 BIGINT,
            dec_prop_1 NUMERIC,
            dec_prop_2 NUMERIC,
            bool_prop_1 BOOLEAN,
            bool_prop_2 BOOLEAN,
            time_zone_id TEXT,
            PRIMARY KEY (sched_name, trigger_name, trigger_group),
            FOREIGN KEY (sched_name, trigger_name, trigger_group)
                REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE)
        """,
        """
        CREATE TABLE IF NOT EXISTS qrtz_blob_triggers (
            sched_name TEXT NOT NULL,
            trigger_name TEXT NOT NULL,
            trigger_group TEXT NOT NULL,
            blob_data BYTEA,
            PRIMARY KEY (sched_name, trigger_name, trigger_group),
            FOREIGN KEY (sched_name, trigger_name, trigger_group)
                REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE)
        """,
        """
        CREATE TABLE IF NOT EXISTS qrtz_calendars (
            sched_name TEXT NOT NULL,
            calendar_name TEXT NOT NULL,
            calendar BYTEA NOT NULL,
            PRIMARY KEY (sched_name, calendar_name))
        """,
        """
        CREATE TABLE IF NOT EXISTS qrtz_paused_trigger_grps (
            sched_name TEXT NOT NULL,
            trigger_group TEXT NOT NULL,
            pause_reason VARCHAR(250),
            paused_by VARCHAR(200),
            paused_at BIGINT,
            PRIMARY KEY (sched_name, trigger_group))
        """,
        """
        CREATE TABLE IF NOT EXISTS qrtz_paused_job_grps (
            sched_name TEXT NOT NULL,
            job_group TEXT NOT NULL,
            pause_reason VARCHAR(250),
            paused_by VARCHAR(200),
            paused_at BIGINT,
            PRIMARY KEY (sched_name, job_group))
        """,
        """
        CREATE TABLE IF NOT EXISTS qrtz_fired_triggers (
            sched_name TEXT NOT NULL,
            entry_id TEXT NOT NULL,
            trigger_name TEXT NOT NULL,
            trigger_group TEXT NOT NULL,
            instance_name TEXT NOT NULL,
            fired_time BIGINT NOT NULL,
            sched_time BIGINT NOT NULL,
            priority INTEGER NOT NULL,
            state TEXT NOT NULL,
            job_name TEXT,
            job_group TEXT,
            is_nonconcurrent BOOLEAN NOT NULL,
            requests_recovery BOOLEAN,
            execution_group VARCHAR(200),
            progress INTEGER,
            progress_message VARCHAR(250),
            interrupt_requested_time BIGINT,
            PRIMARY KEY (sched_name, entry_id))
        """,
        """
        CREATE TABLE IF NOT EXISTS qrtz_scheduler_state (
            sched_name TEXT NOT NULL,
            instance_name TEXT NOT NULL,
            last_checkin_time BIGINT NOT NULL,
            checkin_interval BIGINT NOT NULL,
            quartz_version VARCHAR(20),
            PRIMARY KEY (sched_name, instance_name))
        """,
        """
        CREATE TABLE IF NOT EXISTS qrtz_locks (
            sched_name TEXT NOT NULL,
            lock_name TEXT NOT NULL,
            PRIMARY KEY (sched_name, lock_name))
        """,

        // The acquisition and misfire scans filter on state and order by fire time: without this index every
        // round reads the whole trigger table, which at 10,000+ triggers is what the benchmark would measure.
        "CREATE INDEX IF NOT EXISTS qrtz_triggers_state_next_fire ON qrtz_triggers (sched_name, trigger_state, next_fire_time)",

        // Completing or deleting a job looks its triggers up by job; the one durable job here has them all.
        "CREATE INDEX IF NOT EXISTS qrtz_triggers_job ON qrtz_triggers (sched_name, job_name, job_group)",
        "CREATE INDEX IF NOT EXISTS qrtz_triggers_group ON qrtz_triggers (sched_name, trigger_group, trigger_name)",

        // Cluster recovery reads a dead node's fired triggers; completion deletes one by trigger.
        "CREATE INDEX IF NOT EXISTS qrtz_fired_triggers_instance ON qrtz_fired_triggers (sched_name, instance_name, requests_recovery)",
        "CREATE INDEX IF NOT EXISTS qrtz_fired_triggers_trigger ON qrtz_fired_triggers (sched_name, trigger_name, trigger_group)",
        "CREATE INDEX IF NOT EXISTS qrtz_fired_triggers_job ON qrtz_fired_triggers (sched_name, job_name, job_group)",
    ];

    /// <summary>Creates whatever of the schema is missing, in one transaction.</summary>
    public static async Task EnsureAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            command.Parameters.AddWithValue("key", AdvisoryLockKey);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var statement in Statements)
        {
            await using var command = new NpgsqlCommand(statement, connection, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
