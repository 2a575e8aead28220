namespace Reminders.Testing;

/// <summary>One request the test receiver got; <paramref name="At"/> is the service clock's time on arrival.</summary>
public sealed record ReceivedWebhook(int Sequence, string? IdempotencyKey, string? Email, string? Message, DateTimeOffset At, int AnsweredWith);
