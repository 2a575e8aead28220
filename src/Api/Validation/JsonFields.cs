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

    /// <summary>Reads an optional client-chosen <c>id</c>; on a replace it must match the one in the URL.</summary>
    public static string? ReadId(JsonElement body, string? routeId, string entity, Action<string, string> fail)
    {
        if (!TryGetString(body, "id", required: false, fail, out var id) || id is null)
        {
            return null;
        }

        if (!EntityIds.IsValid(id))
        {
            fail("id", EntityIds.Rule);
        }
        else if (routeId is not null && id != routeId)
        {
            fail("id", $"id '{id}' does not match the {entity} '{routeId}' in the URL.");
        }

        return id;
    }

    /// <summary>Reads the required <c>timezone</c> and resolves it to a canonical TZDB id.</summary>
    public static string? ReadZone(JsonElement body, TimeZoneIds zoneIds, Action<string, string> fail)
    {
        if (!TryGetString(body, "timezone", required: true, fail, out var input))
        {
            return null;
        }

        if (zoneIds.TryResolve(input!, out var zoneId, out var error))
        {
            return zoneId;
        }

        fail("timezone", error);
        return null;
    }
}
