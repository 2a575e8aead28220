using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Reminders.Api.Security;

namespace Reminders.Api.Admin.Pages;

/// <summary>Exchanges an API key, checked against the key ring, for the console's session cookie.</summary>
public sealed class SignInModel(ApiKeyRing keys) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public IActionResult OnGet() => keys.IsOpen ? Redirect("/admin") : Page();

    public async Task<IActionResult> OnPostAsync(string? key)
    {
        if (keys.IsOpen)
        {
            return Redirect("/admin");
        }

        if (string.IsNullOrEmpty(key) || keys.Find(key) is not { } found)
        {
            Error = "That key is not known.";
            return Page();
        }

        await HttpContext.SignInAsync(ConsoleAuth.CookieScheme, ConsoleAuth.Principal(found));
        // Only a path inside the console: a return URL is never a way off the site.
        return Redirect(ReturnUrl is { } url && url.StartsWith("/admin", StringComparison.Ordinal) && Url.IsLocalUrl(url) ? url : "/admin");
    }
}
