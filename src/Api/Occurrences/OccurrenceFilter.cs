using NodaTime;
using NodaTime.Text;
using Reminders.Api.Validation;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Scheduling;

namespace Reminders.Api.Occurrences;

/// <summary>The filters of <c>GET /api/v1/occurrences</c>: status, kind, entity and a due range, each optional.</summary>
public sealed record OccurrenceFilter(OccurrenceStatus? Status, string? Kind, string? Entity, Instant? DueFrom, Instant? DueTo)
{
    private static readonly string StatusNames = string.Join(", ", Enum.GetValues<OccurrenceStatus>().Select(OccurrenceStatusNames.Of));

    /// <summary>Reads the filters, adding an error per bad parameter.</summary>
    public static OccurrenceFilter Read(IQueryCollection query, IDictionary<string, string[]> errors)
    {
        OccurrenceStatus? status = null;
        if (Given(query, "status") is { } statusText)
        {
            if (OccurrenceStatusNames.TryParse(statusText, out var parsed))
            {
                status = parsed;
            }
            else
            {
                errors["status"] = [$"status must be one of {StatusNames}."];
            }
        }

        var entity = Given(query, "entity");
        if (entity is not null && !IsEntity(entity))
        {
            errors["entity"] = ["entity must be user:<id> or schedule:<id>, such as user:ada. " + EntityIds.Rule];
        }

        var dueFrom = Instant(query, "dueFrom", errors);
        var dueTo = Instant(query, "dueTo", errors);
        if (dueFrom is { } from && dueTo is { } to && from >= to)
        {
            errors["dueTo"] = ["dueTo must be after dueFrom."];
        }

        return new OccurrenceFilter(status, Given(query, "kind"), entity, dueFrom, dueTo);
    }

    public static bool IsEntity(string entity) =>
        entity.Split(':') is [var prefix, var id]
        && prefix is OccurrenceKeys.UserPrefix or OccurrenceKeys.SchedulePrefix
        && EntityIds.IsValid(id);

    private static Instant? Instant(IQueryCollection query, string name, IDictionary<string, string[]> errors)
    {
        if (Given(query, name) is not { } text)
        {
            return null;
        }

        if (InstantPattern.ExtendedIso.Parse(text) is { Success: true } parsed && LedgerInstants.Contains(parsed.Value))
        {
            return parsed.Value;
        }

        errors[name] = [$"{name} must be an instant in UTC such as 2027-03-01T09:00:00Z."];
        return null;
    }

    private static string? Given(IQueryCollection query, string name) => query[name].ToString() is { Length: > 0 } value ? value : null;
}
