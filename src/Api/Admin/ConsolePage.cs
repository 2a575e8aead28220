using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Reminders.Api.Audit;
using Reminders.Api.Security;

namespace Reminders.Api.Admin;

/// <summary>
/// The base of every console page behind sign-in. Reading needs <c>read</c>; every POST handler is an action and
/// needs <c>admin</c>: a forged form from a read session is refused with 403 here, whatever the page shows.
/// </summary>
public abstract class ConsolePage : PageModel
{
    /// <summary>True when the operator may act (admin): action buttons are shown only then.</summary>
    public bool CanAct => ApiScopes.Has(User, ApiScopes.Admin);

    /// <summary>What the last action did, shown once after its redirect.</summary>
    [TempData]
    public string? Notice { get; set; }

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (HttpMethods.IsPost(context.HttpContext.Request.Method) && !CanAct)
        {
            context.Result = new StatusCodeResult(StatusCodes.Status403Forbidden);
            return;
        }

        await next();
    }

    /// <summary>An optional reason from a form: blank means none; otherwise the API's rules apply.</summary>
    protected bool TryReadReason(string? text, out string? reason)
    {
        reason = string.IsNullOrWhiteSpace(text) ? null : text;
        if (reason is not null && !ChangeReason.IsValid(reason))
        {
            Notice = ChangeReason.Rule;
            return false;
        }

        return true;
    }
}
