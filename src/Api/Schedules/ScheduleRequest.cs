using Reminders.Grains.Interfaces.Schedules;

namespace Reminders.Api.Schedules;

/// <summary>A validated schedule body: the client's id (if any), the definition, and the version a replace may carry.</summary>
public sealed record ScheduleRequest(string? Id, ScheduleDefinition Definition, int? Version);
