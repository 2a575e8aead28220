using System.Buffers.Text;
using System.Text;
using Reminders.Api.Validation;

namespace Reminders.Api.Catalog;

/// <summary>The opaque <c>after</c> token of the user and schedule lists: the id to continue after.</summary>
public static class CatalogPageToken
{
    public static string Create(string id) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(id));

    public static bool TryRead(string token, out string id)
    {
        id = "";
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
            if (EntityIds.IsValid(text))
            {
                id = text;
                return true;
            }
        }
        catch (FormatException)
        {
        }

        return false;
    }
}
