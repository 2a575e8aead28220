using Microsoft.AspNetCore.Mvc;
using Reminders.Api.Occurrences;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Ledger;

namespace Reminders.Api.Admin.Pages;

/// <summary>
/// Dead letters (<c>/admin/dead-letters</c>) and uncertain occurrences (<c>/admin/uncertain</c>) across entities,
/// filtered by kind and entity, paged; admins retry or discard one or many, each audited with the reason given.
/// </summary>
public sealed class AwaitingModel(IOccurrenceStore store, OccurrenceOperations operations) : ConsolePage
{
    public const int PageSize = 50;
    private const int MaxFilterLength = 100;

    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Entity { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    public bool IsUncertain => Request.Path.StartsWithSegments("/admin/uncertain", StringComparison.Ordinal);

    public OccurrenceStatus Status => IsUncertain ? OccurrenceStatus.Uncertain : OccurrenceStatus.DeadLettered;

    public string Title => IsUncertain ? "Uncertain" : "Dead letters";

    public IReadOnlyList<OccurrenceRecord> Rows { get; private set; } = [];

    public string? Next { get; private set; }

    public string? FilterError { get; private set; }

    public string FragmentUrl => Live.FragmentUrl(Request);

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnGetFragmentAsync()
    {
        await LoadAsync();
        return Partial("_AwaitingRows", this);
    }

    public Task<IActionResult> OnPostRetryAsync(string[] keys, string? reason) => ActAsync(keys, reason, retry: true);

    public Task<IActionResult> OnPostDiscardAsync(string[] keys, string? reason) => ActAsync(keys, reason, retry: false);

    private async Task<IActionResult> ActAsync(string[] keys, string? reasonText, bool retry)
    {
        if (keys.Length == 0)
        {
            Notice = "Tick at least one occurrence first.";
        }
        else if (TryReadReason(reasonText, out var reason))
        {
            // The API's bulk operation: each key by its owning grain, idempotent, one audit row per key that changed.
            var selected = keys.Distinct(StringComparer.Ordinal).Take(PageSize).ToList();
            var results = retry
                ? await operations.RetryAsync(selected, User, reason, HttpContext.RequestAborted)
                : await operations.DiscardAsync(selected, User, reason, HttpContext.RequestAborted);
            var changed = results.Count(r => r.Outcome is "retried" or "discarded");
            Notice = $"{(retry ? "Retried" : "Discarded")} {changed} of {results.Count}" +
                (changed < results.Count ? " (the rest had already changed or are gone)." : ".");
        }

        return Redirect(Request.Path + QueryString.Create(new Dictionary<string, string?> { ["kind"] = Kind, ["entity"] = Entity }
            .Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent());
    }

    private async Task LoadAsync()
    {
        var entity = string.IsNullOrWhiteSpace(Entity) ? null : EntityRef.FromKey(Entity.Trim());
        if (!string.IsNullOrWhiteSpace(Entity) && entity is null)
        {
            FilterError = "Entity must be user:<id> or schedule:<id>, such as schedule:standup.";
            return;
        }

        if (Kind is { Length: > MaxFilterLength })
        {
            FilterError = $"Kind must be at most {MaxFilterLength} characters.";
            return;
        }

        (NodaTime.Instant, string)? after = null;
        if (!string.IsNullOrEmpty(After))
        {
            if (PageTokens.TryRead(After, out var position))
            {
                after = position;
            }
            else
            {
                FilterError = "That page link is not valid; showing the first page.";
            }
        }

        var kind = string.IsNullOrWhiteSpace(Kind) ? null : Kind.Trim();
        var rows = await store.ListAsync(new OccurrenceQuery(PageSize + 1, entity?.Key, Status, kind, After: after), HttpContext.RequestAborted);
        (var page, Next) = PageQuery.Cut(rows, PageSize, r => r.Due);
        Rows = page;
    }
}
