using System.Text.Json;
using Reminders.Api.Admin.Pages;
using Reminders.Api.Schedules;
using Reminders.Api.Users;
using Reminders.Grains.Interfaces.Schedules;
using Reminders.Grains.Interfaces.Users;

namespace Reminders.Api.Admin;

/// <summary>What an edit did: the errors to show, or whether it changed the entity and its version now.</summary>
public sealed record EditResult(IReadOnlyDictionary<string, string[]>? Errors, bool Changed, int Version);

/// <summary>
/// The edit form: the definition in exactly the JSON the API's PUT takes, read by the same request readers, so a
/// console edit is validated as an API replace is, field by field, and stored through the same grain call.
/// </summary>
public sealed class EntityEditor(IGrainFactory grains, ScheduleRequestReader schedules, UserRequestReader users, ConsoleActions actions)
{
    public const int MaxLength = 256 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string ToJson(EntityModel page)
    {
        var node = page.Schedule is { } schedule
            ? JsonSerializer.SerializeToNode(ScheduleResponse.From(schedule), Json)!.AsObject()
            : JsonSerializer.SerializeToNode(UserResponse.From(page.Person!), Json)!.AsObject();
        // What the server keeps (id in the path, pause state, what comes next) is not part of an edit; version fences it.
        foreach (var field in new[] { "id", "paused", "upcoming" })
        {
            node.Remove(field);
        }

        return node.ToJsonString(Json);
    }

    public async Task<EditResult> ReplaceAsync(HttpContext context, EntityRef entity, string json)
    {
        if (json.Length > MaxLength)
        {
            return Failed("definition", $"The definition must be at most {MaxLength / 1024} KiB.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            return Failed("definition", "The definition is not valid JSON: " + e.Message);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Failed("definition", "The definition must be a JSON object.");
            }

            return entity.IsSchedule
                ? await ReplaceScheduleAsync(context, entity, document.RootElement)
                : await ReplaceUserAsync(context, entity, document.RootElement);
        }
    }

    private async Task<EditResult> ReplaceScheduleAsync(HttpContext context, EntityRef entity, JsonElement body)
    {
        if (schedules.Read(body, entity.Id, out var errors) is not { } request)
        {
            return new(errors, false, 0);
        }

        if (await schedules.TargetProblemAsync(request, context.RequestAborted) is { } targetErrors)
        {
            return new(targetErrors, false, 0);
        }

        var grain = grains.GetScheduleGrain(entity.Id);
        var before = (await grain.GetAsync())?.Version;
        var result = await grain.UpdateAsync(request.Definition, request.Version);
        return result.Outcome switch
        {
            ScheduleWriteOutcome.NotFound => Failed("id", "The schedule no longer exists."),
            ScheduleWriteOutcome.VersionMismatch => Failed("version", $"The schedule is at version {result.Schedule!.Version} now; reload the page and edit again."),
            ScheduleWriteOutcome.CalendarNotFound => Failed("calendar", $"There is no business calendar '{request.Definition.Calendar}'."),
            _ => await SavedAsync(context, entity, before, result.Schedule!.Version),
        };
    }

    private async Task<EditResult> ReplaceUserAsync(HttpContext context, EntityRef entity, JsonElement body)
    {
        if (users.Read(body, entity.Id, out var errors) is not { } request)
        {
            return new(errors, false, 0);
        }

        var grain = grains.GetUserGrain(entity.Id);
        var before = (await grain.GetAsync())?.Version;
        var result = await grain.UpdateAsync(request.Definition, request.Version);
        return result.Outcome switch
        {
            UpdateUserOutcome.NotFound => Failed("id", "The user no longer exists."),
            UpdateUserOutcome.VersionMismatch => Failed("version", $"The user is at version {result.User!.Version} now; reload the page and edit again."),
            _ => await SavedAsync(context, entity, before, result.User!.Version),
        };
    }

    private async Task<EditResult> SavedAsync(HttpContext context, EntityRef entity, int? before, int version)
    {
        if (version != before)
        {
            await actions.RecordReplaceAsync(context, entity);
        }

        return new(null, version != before, version);
    }

    private static EditResult Failed(string field, string error) => new(new Dictionary<string, string[]> { [field] = [error] }, false, 0);
}
