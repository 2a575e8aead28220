using NodaTime;

namespace Reminders.Grains.Scheduling;

/// <summary>
/// Keeps a grain's one durable reminder pointed at its next wake: a precise due time, and a one-minute
/// period as a safety net, because Orleans does not replay ticks missed while the cluster was down.
/// Tracks what the reminder is known to point at, so unchanged wakes cost no database write.
/// </summary>
public sealed class ReminderArm(TimeProvider clock)
{
    public const string ReminderName = "next";

    /// <summary>The smallest period Orleans allows; a lost tick delays a wake by at most this much.</summary>
    public static readonly TimeSpan SafetyNetPeriod = TimeSpan.FromMinutes(1);

    // Never a zero due time: Orleans can skip the first tick of a reminder that is due at registration (#9385).
    private static readonly TimeSpan MinimumDueTime = TimeSpan.FromSeconds(1);

    // Reminder start times are stored with millisecond precision.
    private static readonly Duration Tolerance = Duration.FromSeconds(1);

    private Knowledge _knowledge = Knowledge.Unknown;
    private Instant _armedFor;
    private IGrainReminder? _handle;

    private enum Knowledge
    {
        Unknown,
        Armed,
        Disarmed,
    }

    /// <summary>
    /// Learns from a tick where the reminder points now: its next tick is one period after this one. (Not its
    /// start time, which has passed: a wake still a moment ahead, say on a silo whose clock runs a little
    /// behind the reminder owner's, must be re-armed rather than left to the safety net a minute later.)
    /// </summary>
    public void Observed(TickStatus status)
    {
        _armedFor = Instant.FromDateTimeUtc(DateTime.SpecifyKind(status.CurrentTickTime, DateTimeKind.Utc)) + Duration.FromTimeSpan(status.Period);
        _knowledge = Knowledge.Armed;
    }

    /// <summary>True when the reminder is known to tick again within one safety-net period of <paramref name="now"/>.</summary>
    public bool TicksAgainWithinSafetyNet(Instant now) =>
        _knowledge == Knowledge.Armed && _armedFor - now <= Duration.FromTimeSpan(SafetyNetPeriod) + Tolerance;

    /// <summary>Points the reminder at <paramref name="wake"/>, or removes it when there is nothing to wake for.</summary>
    public Task ArmAsync(Grain grain, Instant? wake)
    {
        if (wake is not { } at)
        {
            return DisarmAsync(grain);
        }

        return _knowledge == Knowledge.Armed && Duration.FromTicks(Math.Abs((_armedFor - at).BclCompatibleTicks)) <= Tolerance
            ? Task.CompletedTask
            : RegisterAsync(grain, at);
    }

    /// <summary>Makes sure the reminder fires no later than <paramref name="wake"/>.</summary>
    public Task ArmNoLaterThanAsync(Grain grain, Instant? wake)
    {
        if (wake is not { } at || (_knowledge == Knowledge.Armed && _armedFor <= at + Tolerance))
        {
            return Task.CompletedTask;
        }

        return RegisterAsync(grain, at);
    }

    public async Task DisarmAsync(Grain grain)
    {
        if (_knowledge == Knowledge.Disarmed)
        {
            return;
        }

        // The handle this activation registered saves a read of the reminder row; if the row changed since
        // (another activation re-registered it), its ETag no longer matches and we read the current one.
        var removed = false;
        if (_handle is { } handle)
        {
            try
            {
                await grain.UnregisterReminder(handle);
                removed = true;
            }
            catch (ReminderException)
            {
            }
        }

        if (!removed && await grain.GetReminder(ReminderName) is { } reminder)
        {
            await grain.UnregisterReminder(reminder);
        }

        _handle = null;
        _knowledge = Knowledge.Disarmed;
    }

    private async Task RegisterAsync(Grain grain, Instant at)
    {
        var dueTime = (at - Instant.FromDateTimeOffset(clock.GetUtcNow())).ToTimeSpan();
        _knowledge = Knowledge.Unknown; // until the registration is known to have succeeded
        _handle = await grain.RegisterOrUpdateReminder(ReminderName, dueTime < MinimumDueTime ? MinimumDueTime : dueTime, SafetyNetPeriod);
        _armedFor = at;
        _knowledge = Knowledge.Armed;
    }
}
