using Npgsql;

namespace Reminders.Silo.Database;

/// <summary>One conditional ledger statement for <see cref="LedgerBatchWriter"/>: its SQL, its parameters, and the row it locks.</summary>
/// <param name="Sql">A single statement whose command tag counts the rows it wrote (the caller's condition held when 1).</param>
/// <param name="Bind">Adds the statement's parameters.</param>
/// <param name="Key">The occurrence key of the row: batches take rows in key order, so two batches never deadlock.</param>
public sealed record LedgerStatement(string Sql, Action<NpgsqlParameterCollection> Bind, string Key);
