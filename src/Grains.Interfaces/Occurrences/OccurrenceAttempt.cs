using NodaTime;

namespace Reminders.Grains.Interfaces.Occurrences;

/// <summary>One attempt to deliver an occurrence, as its ledger row remembers it.</summary>
/// <param name="Number">The attempt's number, from 1 (a manual retry carries on counting).</param>
/// <param name="StartedUtc">When the attempt was claimed and sent.</param>
/// <param name="Outcome"><c>delivered</c>, <c>failed</c> (the receiver said so, or could not be reached) or <c>unknown</c> (it may have arrived).</param>
/// <param name="StatusCode">The receiver's HTTP status, or null when none arrived.</param>
/// <param name="Error">Why it failed, or null.</param>
[GenerateSerializer, Immutable, Alias("Reminders.Occurrences.OccurrenceAttempt")]
public sealed record OccurrenceAttempt(
    [property: Id(0)] int Number,
    [property: Id(1)] Instant StartedUtc,
    [property: Id(2)] string Outcome,
    [property: Id(3)] int? StatusCode,
    [property: Id(4)] string? Error);
