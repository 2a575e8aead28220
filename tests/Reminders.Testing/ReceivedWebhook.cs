namespace Reminders.Testing;

/// <summary>One request the test receiver got; <paramref name="At"/> is the service clock's time on arrival.</summary>
public sealed record ReceivedWebhook(int Sequence, string? IdempotencyKey, string? Email, string? Message, DateTimeOffset At, int AnsweredWith)
{
    /// <summary>The body exactly as it crossed the wire, as a signature covers it.</summary>
    public byte[] Body { get; init; } = [];

    /// <summary>Every request header, looked up case-insensitively; repeated values joined with commas.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
}
