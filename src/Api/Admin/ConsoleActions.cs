using Reminders.Api.Audit;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Interfaces.Schedules;
using Reminders.Grains.Interfaces.Users;
using Reminders.Grains.Scheduling;

namespace Reminders.Api.Admin;

/// <summary>What an operator's action did to one thing.</summary>
public enum ActionOutcome
{
    Changed,
    Unchanged,
    NotFound,
}

/// <summary>
/// The console's actions on one entity, as the endpoints make them: the same grain calls, and an audit entry under
/// the operator's key name only when something changed (a pause of a paused schedule changes nothing and is not
/// audited). Retry and discard go through the API's <c>OccurrenceOperations</c>.
/// </summary>
public sealed class ConsoleActions(IGrainFactory grains, AuditTrail audit)
{
    /// <summary>Delivers the schedule's next message now under its own key, as <c>POST .../trigger</c> does; <paramref name="requestKey"/> comes from the form, so a second submit replays.</summary>
    public async Task<TriggerResult> TriggerAsync(HttpContext context, string id, string requestKey, string? reason)
    {
        var result = await grains.GetScheduleGrain(id).TriggerAsync(requestKey);
        if (result.Outcome == TriggerOutcome.Triggered)
        {
            await audit.RecordAsync(context, AuditActions.ScheduleTrigger, OccurrenceKeys.ScheduleEntity(id), reason, result.Occurrence!.Key);
        }

        return result;
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
}
