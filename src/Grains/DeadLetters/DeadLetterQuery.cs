using NodaTime;
using Reminders.Grains.Interfaces.Occurrences;

namespace Reminders.Grains.DeadLetters;

/// <summary>
/// A query of the index: one status, optionally one kind, newest first, after a position (the last row of the
/// previous page), at most <paramref name="Limit"/> rows.
/// </summary>
public sealed record DeadLetterQuery(OccurrenceStatus Status, string? Kind, (Instant ClosedAt, string Key)? After, int Limit);
