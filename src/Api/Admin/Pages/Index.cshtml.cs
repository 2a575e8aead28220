using Microsoft.AspNetCore.Mvc;
using Reminders.Api.Admin.Overview;

namespace Reminders.Api.Admin.Pages;

/// <summary>The overview: deliveries by outcome, lateness, backlog, what waits for an operator, silos, the clock.</summary>
public sealed class IndexModel(OverviewReader reader) : ConsolePage
{
    public OverviewFigures Figures { get; private set; } = null!;

    public string FragmentUrl => Live.FragmentUrl(Request);

    public async Task OnGetAsync() => Figures = await reader.ReadAsync(HttpContext.RequestAborted);

    public async Task<IActionResult> OnGetFragmentAsync() => Partial("_Overview", await reader.ReadAsync(HttpContext.RequestAborted));
}
