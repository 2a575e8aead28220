using NodaTime;
using Reminders.Grains.Interfaces.Occurrences;

namespace Reminders.Grains.Interfaces.Schedules;

/// <summary>One schedule: a recurrence in a zone, what to send, its policies and its delivery ledger.</summary>
[Alias("Reminders.Schedules.IScheduleGrain")]
public interface IScheduleGrain : IOccurrenceOwner
{
    /// <summary>Creates the schedule, or replays an identical earlier create.</summary>
    [Alias("Create")]
    Task<ScheduleWriteResult> CreateAsync(ScheduleDefinition definition);

    [Alias("Get")]
    Task<ScheduleView?> GetAsync();

    /// <summary>Replaces the definition, optionally only if the version still matches.</summary>
    [Alias("Update")]
    Task<ScheduleWriteResult> UpdateAsync(ScheduleDefinition definition, int? expectedVersion);

    /// <summary>Deletes the schedule and cancels everything not yet delivered; false when there was none.</summary>
    [Alias("Delete")]
    Task<bool> DeleteAsync();

    /// <summary>Stops deliveries: what falls due while paused is recorded as skipped. Idempotent; optionally only if the version still matches.</summary>
    [Alias("Pause")]
    Task<ScheduleWriteResult> PauseAsync(int? expectedVersion = null);

    /// <summary>Continues with the next occurrence due after now. Idempotent; optionally only if the version still matches.</summary>
    [Alias("Resume")]
    Task<ScheduleWriteResult> ResumeAsync(int? expectedVersion = null);

    /// <summary>
    /// Delivers now what the next occurrence would send, under the key <c>schedule:&lt;id&gt;:-manual-&lt;requestKey&gt;</c>;
    /// the same <paramref name="requestKey"/> again returns that occurrence and sends nothing.
    /// </summary>
    [Alias("Trigger")]
    Task<TriggerResult> TriggerAsync(string requestKey);

    /// <summary>
    /// Records and delivers the occurrences whose nominal local time lies in [<paramref name="first"/>, <paramref name="last"/>],
    /// that are due by now and have no ledger row, oldest first under their normal keys (at most 1,000 a call); with
    /// <paramref name="dryRun"/> only lists what it would do.
    /// </summary>
    [Alias("Backfill")]
    Task<BackfillResult> BackfillAsync(LocalDateTime first, LocalDateTime last, bool dryRun);

    /// <summary>The next <paramref name="count"/> occurrences not yet due, or null when there is no schedule.</summary>
    [Alias("GetUpcoming")]
    Task<IReadOnlyList<UpcomingOccurrence>?> GetUpcomingAsync(int count);

    /// <summary>
    /// The business calendar <paramref name="calendarId"/> changed to <paramref name="version"/>: if this schedule uses it,
    /// re-reads it and re-arms to the next trigger computed with it. Sends nothing itself; keys never change.
    /// </summary>
    [Alias("RefreshCalendar")]
    Task RefreshCalendarAsync(string calendarId, int version);

    /// <summary>The schedule's occurrences, newest first, or null when there is no schedule.</summary>
    [Alias("GetOccurrences")]
    Task<IReadOnlyList<OccurrenceView>?> GetOccurrencesAsync();
}
