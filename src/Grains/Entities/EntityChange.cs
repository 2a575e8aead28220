namespace Reminders.Grains.Entities;

/// <summary>What a create or update did, before each entity maps it to its own result type.</summary>
public enum EntityChange
{
    Created,
    Replayed,
    Conflict,
    Updated,
    NotFound,
    VersionMismatch,
}
