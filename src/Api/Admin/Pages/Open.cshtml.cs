using Microsoft.AspNetCore.Mvc;

namespace Reminders.Api.Admin.Pages;

/// <summary>The header's "open by id" box: to the entity's page, or back with a notice when the id cannot be one.</summary>
public sealed class OpenModel : ConsolePage
{
    public IActionResult OnGet(string? collection, string? id)
    {
        if (EntityRef.From(collection, id?.Trim()) is { } entity)
        {
            return Redirect(entity.Path);
        }

        Notice = Validation.EntityIds.Rule;
        return Redirect("/admin");
    }
}
