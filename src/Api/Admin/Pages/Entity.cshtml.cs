using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Reminders.Api.Occurrences;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Interfaces.Schedules;
using Reminders.Grains.Interfaces.Users;
using Reminders.Grains.Ledger;

namespace Reminders.Api.Admin.Pages;

/// <summary>
/// One user or schedule: its definition, its next occurrences with what DST and missing days did to them, its full
/// history from the ledger (paged), and the actions an admin may take (in <c>Entity.Actions.cs</c>).
/// </summary>
public sealed partial class EntityModel(
    IGrainFactory grains, IOccurrenceStore store, ConsoleActions actions, EntityEditor editor, IDateTimeZoneProvider zones) : ConsolePage
{
    public const int UpcomingCount = 20;
    public const int HistoryPageSize = 25;

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    public EntityRef Entity { get; private set; } = null!;

    public ScheduleView? Schedule { get; private set; }

    public UserView? Person { get; private set; }

    public int Version => Schedule?.Version ?? Person?.Version ?? 0;

    public DateTimeZone Zone { get; private set; } = DateTimeZone.Utc;

    public IReadOnlyList<UpcomingOccurrence> Upcoming { get; private set; } = [];

    public IReadOnlyList<OccurrenceRecord> History { get; private set; } = [];

    public string? Next { get; private set; }

    /// <summary>The definition in the API's JSON, as the edit form shows it (or as it was sent back with errors).</summary>
    public string DefinitionJson { get; private set; } = "";

    public IReadOnlyDictionary<string, string[]> EditErrors { get; private set; } = new Dictionary<string, string[]>();

    public string FragmentUrl => Live.FragmentUrl(Request);

    public async Task<IActionResult> OnGetAsync(string collection, string id)
    {
        if (!await LoadAsync(collection, id))
        {
            return NotFound();
        }

        DefinitionJson = editor.ToJson(this);
        return Page();
    }

    public async Task<IActionResult> OnGetFragmentAsync(string collection, string id) =>
        await LoadAsync(collection, id) ? Partial("_EntityLive", this) : NotFound();

    private async Task<bool> LoadAsync(string collection, string id)
    {
        if (EntityRef.From(collection, id) is not { } entity)
        {
            return false;
        }

        Entity = entity;
        if (entity.IsSchedule)
        {
            Schedule = await grains.GetScheduleGrain(entity.Id).GetAsync();
            Upcoming = Schedule is null ? [] : await grains.GetScheduleGrain(entity.Id).GetUpcomingAsync(UpcomingCount) ?? [];
        }
        else
        {
            Person = await grains.GetUserGrain(entity.Id).GetAsync();
            Upcoming = Person?.Upcoming ?? [];
        }

        if (Schedule is null && Person is null)
        {
            return false;
        }

        Zone = zones.GetZoneOrNull(Schedule?.Definition.TimeZone ?? Person!.Definition.TimeZone) ?? DateTimeZone.Utc;
        (Instant, string)? after = !string.IsNullOrEmpty(After) && PageTokens.TryRead(After, out var position) ? position : null;
        var rows = await store.ListAsync(new OccurrenceQuery(HistoryPageSize + 1, Entity: entity.Key, After: after), HttpContext.RequestAborted);
        (var page, Next) = PageQuery.Cut(rows, HistoryPageSize, r => r.Due);
        History = page;
        return true;
    }
}
