namespace Reminders.Benchmarks.Infrastructure;

/// <summary>What a <see cref="WalMeter"/> saw between its start and its reading.</summary>
/// <param name="ServerBytes">WAL the whole server wrote (<c>pg_wal_lsn_diff</c>), whatever database it was for.</param>
/// <param name="DatabaseBytes">The part attributed to the measured database, full-page images included.</param>
/// <param name="DatabaseFullPageImageBytes">Of <paramref name="DatabaseBytes"/>, the full-page images: the first change of each page after a checkpoint.</param>
/// <param name="DatabaseTransactionBytesWithoutFullPageImages">
/// Of <paramref name="DatabaseBytes"/>, the records of transactions (the writes and their commits), without full-page
/// images: what the work itself logs, leaving out what depends on when checkpoints, pruning and vacuum happen to run.
/// </param>
/// <param name="DatabaseRecords">WAL records attributed to the measured database.</param>
/// <param name="DatabaseTransactions">Transactions of the measured database that wrote WAL (read-only ones write none).</param>
/// <param name="Checkpoints">Checkpoints the server completed in between: each makes the next change of every page log its full image again.</param>
/// <param name="Breakdown">The database's WAL by resource manager and record type, most bytes first.</param>
public sealed record WalReading(
    long ServerBytes,
    long DatabaseBytes,
    long DatabaseFullPageImageBytes,
    long DatabaseTransactionBytesWithoutFullPageImages,
    long DatabaseRecords,
    long DatabaseTransactions,
    long Checkpoints,
    IReadOnlyList<(string Kind, long Records, long Bytes, long FullPageImageBytes)> Breakdown);
