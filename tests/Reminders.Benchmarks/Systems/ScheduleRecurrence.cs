namespace Reminders.Benchmarks.Systems;

/// <summary>What makes the created schedules recurring: an RFC 5545 rule and the schedules' catch-up window.</summary>
/// <param name="Rule">The <c>rrule</c> of every schedule, such as <c>FREQ=HOURLY</c>.</param>
/// <param name="CatchUpWindow">The <c>policy.catchUpWindow</c>, an ISO 8601 duration such as <c>P7D</c>.</param>
public sealed record ScheduleRecurrence(string Rule, string CatchUpWindow);
