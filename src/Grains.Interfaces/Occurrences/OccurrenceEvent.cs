using NodaTime;

namespace Reminders.Grains.Interfaces.Occurrences;

/// <summary>One entry in an occurrence's history: a manual retry or discard, when, and what it changed.</summary>
[GenerateSerializer, Immutable, Alias("Reminders.Occurrences.OccurrenceEvent")]
public sealed record OccurrenceEvent([property: Id(0)] Instant At, [property: Id(1)] string What);
