using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Interfaces.Schedules;

namespace Reminders.Grains.Scheduling;

/// <summary>
/// The configured event kinds, by name (case-insensitive). Bound from <c>Reminders:Events:&lt;Kind&gt;</c>:
/// adding a kind is configuration only. <c>birthday</c>, <c>anniversary</c> and <c>custom</c> always exist.
/// </summary>
public sealed class EventsOptions
{
    public const string SectionName = "Reminders:Events";

    public Dictionary<string, EventKindOptions> Kinds { get; } = new(StringComparer.OrdinalIgnoreCase)
    {
        [EventKinds.Birthday] = new() { Template = "Hey, {firstName} {lastName} it's your birthday", InvalidDate = InvalidDatePolicy.Backward },
        [EventKinds.Anniversary] = new() { Template = "Hey, {firstName} {lastName} happy anniversary", InvalidDate = InvalidDatePolicy.Backward },
        [EventKinds.Custom] = new(),
    };

    public EventKindOptions Birthday => Kinds[EventKinds.Birthday];

    public EventKindOptions Anniversary => Kinds[EventKinds.Anniversary];

    public EventKindOptions For(string kind) =>
        Kinds.TryGetValue(kind, out var options) ? options : throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown event kind.");

    /// <summary>The canonical spelling of a kind name, as it appears in keys and responses: its first letter in lower case.</summary>
    public static string Canonical(string kind) => kind.Length == 0 ? kind : char.ToLowerInvariant(kind[0]) + kind[1..];

    /// <summary>The configured name of <paramref name="kind"/> in canonical spelling, or null when there is no such kind.</summary>
    public string? Find(string kind) => Kinds.Keys.FirstOrDefault(k => string.Equals(k, kind, StringComparison.OrdinalIgnoreCase)) is { } name
        ? Canonical(name)
        : null;
}
