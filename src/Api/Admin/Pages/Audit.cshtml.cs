using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Reminders.Api.Occurrences;
using Reminders.Silo.Audit;
using Reminders.Silo.Database;

namespace Reminders.Api.Admin.Pages;

/// <summary>The audit log, newest first, paged, optionally for one entity: who changed what, when and why.</summary>
public sealed class AuditModel(PostgresAuditLog log) : ConsolePage
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string? Entity { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    public IReadOnlyList<AuditEntry> Rows { get; private set; } = [];

    public string? Next { get; private set; }

    public string? FilterError { get; private set; }

    public string FragmentUrl => Live.FragmentUrl(Request);

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnGetFragmentAsync()
    {
        await LoadAsync();
        return Partial("_AuditRows", this);
    }

    private async Task LoadAsync()
    {
        var entity = string.IsNullOrWhiteSpace(Entity) ? null : EntityRef.FromKey(Entity.Trim());
        if (!string.IsNullOrWhiteSpace(Entity) && entity is null)
        {
            FilterError = "Entity must be user:<id> or schedule:<id>, such as schedule:standup.";
            return;
        }

        (Instant, long)? after = null;
        if (!string.IsNullOrEmpty(After))
        {
            if (PageTokens.TryRead(After, out var token) && long.TryParse(token.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                after = (token.ClosedAt, id);
            }
            else
            {
                FilterError = "That page link is not valid; showing the first page.";
            }
        }

        var rows = await log.ListAsync(entity?.Key, after, PageSize + 1, HttpContext.RequestAborted);
        Rows = [.. rows.Take(PageSize)];
        Next = rows.Count > PageSize ? PageTokens.Create(Rows[^1].At, Rows[^1].Id.ToString(CultureInfo.InvariantCulture)) : null;
    }
}
