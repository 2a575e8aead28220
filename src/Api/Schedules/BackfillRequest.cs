using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Reminders.Api.Audit;
using Reminders.Api.Validation;

namespace Reminders.Api.Schedules;

/// <summary>A validated backfill body (see <see cref="BackfillBody"/>).</summary>
public sealed record BackfillRequest(LocalDateTime From, LocalDateTime To, bool DryRun, string? Reason)
{
    private static readonly LocalDateTimePattern LocalPattern = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss");
    private static readonly HashSet<string> Fields = ["from", "to", "dryRun", "reason"];

    /// <summary>The request, or null with every problem recorded under its field.</summary>
    public static BackfillRequest? Read(JsonElement body, IDictionary<string, string[]> errors)
    {
        void Fail(string field, string error) => errors[field] = [error];
        foreach (var member in body.EnumerateObject().Where(m => !Fields.Contains(m.Name)))
        {
            Fail(member.Name, $"Unknown field '{member.Name}'; a backfill takes from, to, dryRun and reason.");
        }

        var from = ReadLocal(body, "from", Fail);
        var to = ReadLocal(body, "to", Fail);
        var dryRun = false;
        if (body.TryGetProperty("dryRun", out var flag) && flag.ValueKind != JsonValueKind.Null)
        {
            if (flag.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                dryRun = flag.GetBoolean();
            }
            else
            {
                Fail("dryRun", "dryRun must be true or false.");
            }
        }

        if (JsonFields.TryGetString(body, "reason", required: false, Fail, out var reason) && reason is not null && !ChangeReason.IsValid(reason))
        {
            Fail("reason", ChangeReason.Rule);
        }

        if (from is { } f && to is { } t && f > t)
        {
            Fail("to", "to must not be before from.");
        }

        return errors.Count == 0 ? new BackfillRequest(from!.Value, to!.Value, dryRun, reason) : null;
    }

    private static LocalDateTime? ReadLocal(JsonElement body, string field, Action<string, string> fail)
    {
        if (!JsonFields.TryGetString(body, field, required: true, fail, out var text) || text is null)
        {
            return null;
        }

        // The round trip refuses what the pattern would silently move, such as T24:00:00.
        if (LocalPattern.Parse(text) is { Success: true } parsed && LocalPattern.Format(parsed.Value) == text)
        {
            return parsed.Value;
        }

        fail(field, $"{field} must be a local date-time such as 2026-11-25T00:00:00 (no offset: the schedule's zone applies).");
        return null;
    }
}
