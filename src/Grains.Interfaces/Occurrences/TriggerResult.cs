namespace Reminders.Grains.Interfaces.Occurrences;

/// <summary>The outcome of a trigger and, when triggered or replayed, its occurrence.</summary>
[GenerateSerializer, Immutable, Alias("Reminders.Occurrences.TriggerResult")]
public sealed record TriggerResult([property: Id(0)] TriggerOutcome Outcome, [property: Id(1)] OccurrenceView? Occurrence);
