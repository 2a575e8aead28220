using NodaTime;

namespace Reminders.Grains.Recurrence;

/// <summary>A BYDAY entry: a weekday, optionally with an ordinal (<c>1MO</c> first Monday, <c>-1FR</c> last Friday; 0 means every).</summary>
public readonly record struct WeekdayNumber(int Ordinal, IsoDayOfWeek Day);
