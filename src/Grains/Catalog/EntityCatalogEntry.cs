using NodaTime;

namespace Reminders.Grains.Catalog;

/// <summary>One listed user or schedule.</summary>
/// <param name="NextDue">When the entity next wakes (its reminder's start), or null when nothing is left to deliver.</param>
/// <param name="DeadLetters">How many of its occurrences are dead-lettered or uncertain, awaiting an operator.</param>
public sealed record EntityCatalogEntry(
    string EntityType,
    string Id,
    IReadOnlyList<string> EventKinds,
    string Zone,
    bool Paused,
    string Rule,
    Instant? NextDue,
    int DeadLetters,
    int Version);
