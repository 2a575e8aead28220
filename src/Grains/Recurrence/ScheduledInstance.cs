using NodaTime;
using Reminders.Grains.Interfaces.Occurrences;

namespace Reminders.Grains.Recurrence;

/// <summary>One instance of a zoned recurrence: its local date-time, the instant it is due, and what the policies did.</summary>
public readonly record struct ScheduledInstance(LocalDateTime Local, Instant Due, OccurrenceAdjustments Adjustments);
