using Microsoft.AspNetCore.Mvc;
using Reminders.Api.Stats;

namespace Reminders.Api.Admin.Pages;

/// <summary>The overview: what <c>GET /api/v1/stats</c> returns, from the same service.</summary>
public sealed class IndexModel(ServiceStats stats) : ConsolePage
{
    public StatsResponse Stats { get; private set; } = null!;

    public string FragmentUrl => Live.FragmentUrl(Request);

    public async Task OnGetAsync() => Stats = await stats.ReadAsync(HttpContext.RequestAborted);

    public async Task<IActionResult> OnGetFragmentAsync() => Partial("_Overview", await stats.ReadAsync(HttpContext.RequestAborted));
}
