using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using NodaTime.Text;
using Reminders.Api.Validation;
using Reminders.Grains.Catalog;
using Reminders.Grains.Scheduling;

namespace Reminders.Api.Admin.Pages;

/// <summary>
/// Users and schedules (or one of them) from the entity catalog: searched by id or text, filtered by kind, zone, pause state, next due
/// range and dead letters, in keyset pages by id. Each row says its rule in words and when it next wakes.
/// </summary>
public sealed class EntitiesModel(IEntityCatalog catalog, IDateTimeZoneProvider zones) : ConsolePage
{
    public const int PageSize = 50;
    private const int MaxFilterLength = 200;
    private static readonly LocalDateTimePattern LocalInput = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm");

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    /// <summary><c>all</c> (the default: users and schedules in one list), <c>schedules</c> or <c>users</c>.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Type { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Zone { get; set; }

    /// <summary>Empty for any, <c>true</c> or <c>false</c>.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Paused { get; set; }

    /// <summary>UTC, as a <c>datetime-local</c> input writes it: <c>2027-03-01T09:00</c>.</summary>
    [BindProperty(SupportsGet = true)]
    public string? DueFrom { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? DueTo { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool DeadLetters { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    public bool IsUsers => Type == EntityRef.Users;

    public bool IsSchedules => Type == EntityRef.Schedules;

    public bool IsAll => !IsUsers && !IsSchedules;

    /// <summary>What the list holds, in words.</summary>
    public string Noun => IsUsers ? "users" : IsSchedules ? "schedules" : "users or schedules";

    public IReadOnlyList<EntityCatalogEntry> Rows { get; private set; } = [];

    public string? Next { get; private set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public string FragmentUrl => Live.FragmentUrl(Request);

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnGetFragmentAsync()
    {
        await LoadAsync();
        return Partial("_EntityRows", this);
    }

    public EntityRef RefOf(EntityCatalogEntry entry) => new(entry.EntityType == OccurrenceKeys.SchedulePrefix, entry.Id);

    public DateTimeZone ZoneOf(EntityCatalogEntry entry) => zones.GetZoneOrNull(entry.Zone) ?? DateTimeZone.Utc;

    /// <summary>The query string of the current filters, for the next page's link.</summary>
    public string FilterQuery(string? after) => QueryString.Create(new Dictionary<string, string?>
    {
        ["q"] = Q, ["type"] = Type, ["kind"] = Kind, ["zone"] = Zone, ["paused"] = Paused,
        ["dueFrom"] = DueFrom, ["dueTo"] = DueTo, ["deadLetters"] = DeadLetters ? "true" : null, ["after"] = after,
    }.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();

    private async Task LoadAsync()
    {
        var errors = new List<string>();
        var due = (From: ReadInstant(DueFrom, "Due from", errors), To: ReadInstant(DueTo, "Due to", errors));
        bool? paused = Paused switch { "true" => true, "false" => false, _ => null };
        foreach (var (name, value) in new[] { ("Search", Q), ("Kind", Kind), ("Zone", Zone) })
        {
            if (value is { Length: > MaxFilterLength })
            {
                errors.Add($"{name} must be at most {MaxFilterLength} characters.");
            }
        }

        if (!string.IsNullOrEmpty(After) && !IsValidPosition(After))
        {
            errors.Add("That page link is not valid.");
        }

        Errors = errors;
        if (errors.Count > 0)
        {
            return;
        }

        var query = new EntityCatalogQuery(
            IsAll ? null : IsUsers ? OccurrenceKeys.UserPrefix : OccurrenceKeys.SchedulePrefix,
            PageSize,
            string.IsNullOrEmpty(After) ? null : After,
            Blank(Q)?.ToLowerInvariant(),
            Blank(Kind),
            Blank(Zone),
            paused,
            due.From,
            due.To,
            DeadLetters ? true : null);
        var page = await catalog.ListAsync(query, HttpContext.RequestAborted);
        (Rows, Next) = (page.Items, page.Next);
    }

    // A typed list continues after an id; the mixed one after an entity key ("user:ada").
    private bool IsValidPosition(string after)
    {
        if (!IsAll)
        {
            return EntityIds.IsValid(after);
        }

        var colon = after.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && after[..colon] is OccurrenceKeys.UserPrefix or OccurrenceKeys.SchedulePrefix && EntityIds.IsValid(after[(colon + 1)..]);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static Instant? ReadInstant(string? text, string name, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var parsed = LocalInput.Parse(text.Trim());
        if (!parsed.Success)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{name} must be a UTC date and time such as 2027-03-01T09:00."));
            return null;
        }

        return parsed.Value.InUtc().ToInstant();
    }
}
