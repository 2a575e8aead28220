using NodaTime;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Ledger;

namespace Reminders.Domain.Tests;

/// <summary>Ledger records in a given state, for tests that start from a ledger mid-life.</summary>
internal static class Records
{
    public static OccurrenceRecord Of(string key, Instant due, OccurrenceStatus status, Instant? nextAttemptAt = null) => new()
    {
        Key = key,
        Kind = EventKinds.Birthday,
        Due = due,
        Deadline = due + Duration.FromDays(2),
        Recipient = new() { ["email"] = "ada@example.com" },
        Channel = "webhook",
        Message = "Hey, Ada Lovelace it's your birthday",
        Status = status,
        NextAttemptAt = nextAttemptAt,
    };
}
