using Reminders.Grains.Interfaces.Users;

namespace Reminders.Api.Users;

/// <summary>A validated create or replace request: the client's id (if any), the definition, and an expected version.</summary>
public sealed record UserRequest(string? Id, UserDefinition Definition, int? Version);
