using NodaTime;

namespace Reminders.Grains.Scheduling;

/// <summary>One computed occurrence of a series: its stable key, nominal local time and due instant.</summary>
public sealed record PlannedOccurrence(string Key, string Kind, LocalDateTime LocalTime, Instant Due);
