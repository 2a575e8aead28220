using NodaTime;
using Reminders.Grains.Interfaces.Occurrences;

namespace Reminders.Grains.Recurrence;

/// <summary>One instance of a rule as a local date-time, with what the invalid-date policy did to it.</summary>
public readonly record struct LocalInstance(LocalDateTime Local, OccurrenceAdjustments Adjustments);
