using System.Text.Json;

namespace Reminders.Api.Validation;

/// <summary>Reads fields of a JSON body, reporting each problem under the field's name instead of throwing.</summary>
public static class JsonFields
{
    /// <summary>False when the field is absent-but-required or not a string (the failure is recorded); null text when absent and optional.</summary>
    public static bool TryGetString(JsonElement body, string field, bool required, Action<string, string> fail, out string? text)
    {
        text = null;
        if (!body.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                fail(field, $"{field} is required.");
            }

            return !required;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            fail(field, $"{field} must be a string, not {value.ValueKind.ToString().ToLowerInvariant()}.");
            return false;
        }

        text = value.GetString();
        return true;
    }

    /// <summary>Reads an optional positive <c>version</c>, as a replace may echo it back.</summary>
    public static int? ReadVersion(JsonElement body, Action<string, string> fail)
    {
        if (!body.TryGetProperty("version", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var version) && version > 0)
        {
            return version;
        }

        fail("version", "version must be a positive integer.");
        return null;
    }
}
