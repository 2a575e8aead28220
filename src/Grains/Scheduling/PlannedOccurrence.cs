using NodaTime;
using Reminders.Grains.Interfaces.Occurrences;

namespace Reminders.Grains.Scheduling;

/// <summary>One computed occurrence of a series: its stable key, nominal local time, due instant, and what the policies did.</summary>
public sealed record PlannedOccurrence(string Key, string Kind, LocalDateTime LocalTime, Instant Due, OccurrenceAdjustments Adjustments = OccurrenceAdjustments.None);
