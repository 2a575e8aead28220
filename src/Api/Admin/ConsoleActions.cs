using Reminders.Api.Audit;
using Reminders.Api.Validation;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Interfaces.Schedules;
using Reminders.Grains.Interfaces.Users;
using Reminders.Grains.Ledger;
using Reminders.Grains.Scheduling;

namespace Reminders.Api.Admin;

/// <summary>What an operator's action did to one thing.</summary>
public enum ActionOutcome
{
    Changed,
    Unchanged,
    NotFound,
    Invalid,
}

/// <summary>
/// The console's actions, as the endpoints make them: the same grain calls, and an audit entry under the
/// operator's key name only when something changed (a retry of what is not dead-lettered, or a pause of a paused
/// schedule, changes nothing and is not audited).
/// </summary>
public sealed class ConsoleActions(IGrainFactory grains, IOccurrenceStore store, AuditTrail audit)
{
    public async Task<ActionOutcome> RetryOrDiscardAsync(HttpContext context, string key, bool retry, string? reason)
    {
        if (Owner(key) is not { } owner)
        {
            return ActionOutcome.Invalid;
        }

        var before = (await store.ReadAsync(key, context.RequestAborted))?.Status;
        var after = retry ? await owner.RetryOccurrenceAsync(key) : await owner.DiscardOccurrenceAsync(key);
        if (after is null)
        {
            return ActionOutcome.NotFound;
        }

        if (after.Status == before)
        {
            return ActionOutcome.Unchanged;
        }

        var parts = key.Split(':');
        await audit.RecordAsync(context, retry ? AuditActions.OccurrenceRetry : AuditActions.OccurrenceDiscard, parts[0] + ":" + parts[1], reason, key);
        return ActionOutcome.Changed;
    }

    public async Task<ActionOutcome> PauseOrResumeAsync(HttpContext context, string id, bool pause, string? reason)
    {
        var grain = grains.GetScheduleGrain(id);
        var before = (await grain.GetAsync())?.Version;
        var result = pause ? await grain.PauseAsync() : await grain.ResumeAsync();
        if (result.Outcome == ScheduleWriteOutcome.NotFound)
        {
            return ActionOutcome.NotFound;
        }

        if (result.Schedule!.Version == before)
        {
            return ActionOutcome.Unchanged;
        }

        await audit.RecordAsync(context, pause ? AuditActions.SchedulePause : AuditActions.ScheduleResume, OccurrenceKeys.ScheduleEntity(id), reason);
        return ActionOutcome.Changed;
    }

    public async Task<ActionOutcome> DeleteAsync(HttpContext context, EntityRef entity, string? reason)
    {
        var deleted = entity.IsSchedule ? await grains.GetScheduleGrain(entity.Id).DeleteAsync() : await grains.GetUserGrain(entity.Id).DeleteAsync();
        if (!deleted)
        {
            return ActionOutcome.NotFound;
        }

        await audit.RecordAsync(context, entity.IsSchedule ? AuditActions.ScheduleDelete : AuditActions.UserDelete, entity.Key, reason);
        return ActionOutcome.Changed;
    }

    /// <summary>Audits a replace the page made through the grain, when it changed the version.</summary>
    public Task RecordReplaceAsync(HttpContext context, EntityRef entity) =>
        audit.RecordAsync(context, entity.IsSchedule ? AuditActions.ScheduleReplace : AuditActions.UserReplace, entity.Key, reason: null);

    private IOccurrenceOwner? Owner(string key)
    {
        var parts = key.Split(':');
        if (parts.Length < 3 || !EntityIds.IsValid(parts[1]))
        {
            return null;
        }

        return parts[0] switch
        {
            OccurrenceKeys.UserPrefix => grains.GetUserGrain(parts[1]),
            OccurrenceKeys.SchedulePrefix => grains.GetScheduleGrain(parts[1]),
            _ => null,
        };
    }
}
