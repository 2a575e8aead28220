namespace Reminders.Grains.Delivery;

/// <summary>A client-supplied target that the guard refused to connect to: a permanent failure, never retried.</summary>
public sealed class TargetRefusedException : Exception
{
    public TargetRefusedException()
    {
    }

    public TargetRefusedException(string message)
        : base(message)
    {
    }

    public TargetRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
