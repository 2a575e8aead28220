using Microsoft.AspNetCore.Mvc;
using Reminders.Grains.Interfaces.Occurrences;

namespace Reminders.Api.Admin.Pages;

/// <summary>The entity page's actions: pause, resume, edit, delete. Every POST needs admin (see <see cref="ConsolePage"/>).</summary>
public sealed partial class EntityModel
{
    public Task<IActionResult> OnPostPauseAsync(string collection, string id, string? reason) => PauseOrResumeAsync(collection, id, reason, pause: true);

    public Task<IActionResult> OnPostResumeAsync(string collection, string id, string? reason) => PauseOrResumeAsync(collection, id, reason, pause: false);

    public async Task<IActionResult> OnPostTriggerAsync(string collection, string id, string? reason, string? requestKey)
    {
        if (EntityRef.From(collection, id) is not { IsSchedule: true } entity)
        {
            return NotFound();
        }

        if (requestKey is null || !Validation.EntityIds.IsValid(requestKey))
        {
            Notice = "Not triggered: reload the page and try again.";
        }
        else if (TryReadReason(reason, out var why))
        {
            var result = await actions.TriggerAsync(HttpContext, entity.Id, requestKey, why);
            Notice = result.Outcome switch
            {
                TriggerOutcome.Triggered => $"Triggered: {result.Occurrence!.Key} is being sent.",
                TriggerOutcome.Replayed => $"Already triggered by this form: {result.Occurrence!.Key}; nothing sent again.",
                TriggerOutcome.Paused => "Not triggered: the schedule is paused. Resume it first.",
                TriggerOutcome.Finished => "Not triggered: the schedule has no occurrence left to deliver.",
                _ => "There is no such schedule.",
            };
        }

        return Redirect(entity.Path);
    }

    public async Task<IActionResult> OnPostDeleteAsync(string collection, string id, string? reason, string? confirm)
    {
        if (EntityRef.From(collection, id) is not { } entity)
        {
            return NotFound();
        }

        if (confirm?.Trim() != entity.Id)
        {
            Notice = $"Not deleted: type the id '{entity.Id}' to confirm.";
            return Redirect(entity.Path);
        }

        if (!TryReadReason(reason, out var why))
        {
            return Redirect(entity.Path);
        }

        var outcome = await actions.DeleteAsync(HttpContext, entity, why);
        Notice = outcome == ActionOutcome.Changed ? $"Deleted {entity.Key}." : $"{entity.Key} was already gone.";
        return Redirect("/admin");
    }

    public async Task<IActionResult> OnPostEditAsync(string collection, string id, string? definition)
    {
        if (!await LoadAsync(collection, id))
        {
            return NotFound();
        }

        var result = await editor.ReplaceAsync(HttpContext, Entity, definition ?? "");
        if (result.Errors is { } errors)
        {
            DefinitionJson = definition ?? "";
            EditErrors = errors;
            return Page();
        }

        Notice = result.Changed ? $"Saved: {Entity.Key} is now at version {result.Version}." : "Nothing changed.";
        return Redirect(Entity.Path);
    }

    private async Task<IActionResult> PauseOrResumeAsync(string collection, string id, string? reason, bool pause)
    {
        if (EntityRef.From(collection, id) is not { IsSchedule: true } entity)
        {
            return NotFound();
        }

        if (TryReadReason(reason, out var why))
        {
            var outcome = await actions.PauseOrResumeAsync(HttpContext, entity.Id, pause, why);
            Notice = outcome switch
            {
                ActionOutcome.Changed => pause ? "Paused." : "Resumed.",
                ActionOutcome.Unchanged => pause ? "It was already paused." : "It was not paused.",
                _ => "There is no such schedule.",
            };
        }

        return Redirect(entity.Path);
    }
}
