using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Reminders.Api.Admin.Pages;

/// <summary>Ends the session: any signed-in key may, read or admin, so this page is not a <see cref="ConsolePage"/>.</summary>
public sealed class SignOutModel : PageModel
{
    public IActionResult OnGet() => Redirect("/admin");

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(ConsoleAuth.CookieScheme);
        return Redirect(ConsoleAuth.SignInPath);
    }
}
