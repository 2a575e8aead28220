using System.Text.Json;
using Reminders.Api.Audit;
using Reminders.Api.Validation;
using Reminders.Grains.Interfaces.Occurrences;

namespace Reminders.Api.Occurrences;

/// <summary>
/// The body of bulk retry and discard: <c>{"keys": [...], "reason"?}</c> or
/// <c>{"filter": {"status": "deadLettered"|"uncertain", "kind"?, "entity"?}, "reason"?}</c>. At most
/// <see cref="MaxKeys"/> keys a call; a filter selects at most that many, newest due first.
/// </summary>
public sealed record BulkRequest(IReadOnlyList<string>? Keys, OccurrenceStatus? Status, string? Kind, string? Entity, string? Reason)
{
    public const int MaxKeys = 1000;

    /// <summary>The request, or null with an error per bad field.</summary>
    public static BulkRequest? Read(JsonElement body, out Dictionary<string, string[]> errors)
    {
        var found = new Dictionary<string, string[]>();
        void Fail(string field, string error) => found[field] = [error];
        foreach (var member in body.EnumerateObject().Where(m => m.Name is not ("keys" or "filter" or "reason")))
        {
            Fail(member.Name, $"Unknown field '{member.Name}'; the body carries 'keys' or 'filter', and 'reason'.");
        }

        var hasKeys = body.TryGetProperty("keys", out var keysElement);
        var hasFilter = body.TryGetProperty("filter", out var filterElement);
        if (hasKeys == hasFilter)
        {
            Fail("keys", "Give either 'keys' (a list of occurrence keys) or 'filter', not both and not neither.");
        }

        List<string>? keys = null;
        if (hasKeys)
        {
            keys = ReadKeys(keysElement, Fail);
        }

        OccurrenceStatus? status = null;
        string? kind = null, entity = null;
        if (hasFilter)
        {
            (status, kind, entity) = Filter(filterElement, Fail);
        }

        string? reason = null;
        if (body.TryGetProperty("reason", out var reasonElement) && reasonElement.ValueKind != JsonValueKind.Null)
        {
            reason = reasonElement.ValueKind == JsonValueKind.String ? reasonElement.GetString() : null;
            if (reason is null || reason.Trim().Length == 0 || reason.Length > ChangeReason.MaxLength || reason.Any(char.IsControl))
            {
                Fail("reason", $"reason must be 1 to {ChangeReason.MaxLength} characters of text, without control characters.");
            }
        }

        errors = found;
        return found.Count > 0 ? null : new BulkRequest(keys, status, kind, entity, reason);
    }

    private static List<string>? ReadKeys(JsonElement element, Action<string, string> fail)
    {
        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() is 0 or > MaxKeys)
        {
            fail("keys", $"keys must be a list of 1 to {MaxKeys} occurrence keys.");
            return null;
        }

        var keys = new List<string>();
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || item.GetString() is not { Length: > 0 and <= 300 } key || TextRules.Problem(key, multiline: false) is not null)
            {
                fail("keys", "Every key must be an occurrence key such as user:ada:birthday:2027 or schedule:standup:20270301T090000.");
                return null;
            }

            keys.Add(key);
        }

        return [.. keys.Distinct(StringComparer.Ordinal)];
    }

    private static (OccurrenceStatus?, string?, string?) Filter(JsonElement element, Action<string, string> fail)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            fail("filter", "filter must be an object such as {\"status\": \"deadLettered\", \"kind\": \"birthday\"}.");
            return (null, null, null);
        }

        OccurrenceStatus? status = null;
        if (element.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String
            && OccurrenceStatusNames.TryParse(s.GetString()!, out var parsed) && parsed is OccurrenceStatus.DeadLettered or OccurrenceStatus.Uncertain)
        {
            status = parsed;
        }
        else
        {
            fail("filter.status", "filter.status is required: deadLettered or uncertain.");
        }

        var kind = Text(element, "kind", fail);
        var entity = Text(element, "entity", fail);
        if (entity is not null && !OccurrenceFilter.IsEntity(entity))
        {
            fail("filter.entity", "filter.entity must be user:<id> or schedule:<id>, such as user:ada.");
        }

        foreach (var member in element.EnumerateObject().Where(m => m.Name is not ("status" or "kind" or "entity")))
        {
            fail("filter." + member.Name, $"Unknown filter '{member.Name}'; a filter has status, kind and entity.");
        }

        return (status, kind, entity);
    }

    private static string? Text(JsonElement element, string name, Action<string, string> fail)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String || value.GetString() is not { Length: > 0 and <= 100 } text || TextRules.Problem(text, multiline: false) is not null)
        {
            fail("filter." + name, $"filter.{name} must be a short single-line text.");
            return null;
        }

        return text;
    }
}
