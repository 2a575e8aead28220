using Microsoft.Extensions.Options;
using NodaTime;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Interfaces.Users;
using Reminders.Grains.Recurrence;
using Reminders.Grains.Scheduling;

namespace Reminders.Grains.Users;

/// <summary>
/// Turns a user's definition into series of the one engine: a birthday, and an anniversary when given, each a
/// yearly rule on the date at the kind's local time, with the kind's invalid-date policy (backward by default,
/// so Feb 29 falls on Feb 28 in common years), keyed by year.
/// </summary>
public sealed class UserSchedule(IOptions<EventsOptions> events, IDateTimeZoneProvider zones)
{
    private static readonly RecurrenceRule Yearly = new() { Frequency = Frequency.Yearly };

    public IReadOnlyList<IOccurrenceSeries> SeriesFor(string userId, UserDefinition user)
    {
        var zone = zones[user.TimeZone];
        var recipient = new Dictionary<string, string>
        {
            ["firstName"] = user.FirstName,
            ["lastName"] = user.LastName,
            ["email"] = user.Email,
        };

        var series = new List<IOccurrenceSeries> { Annual(EventKinds.Birthday, user.Birthday) };
        if (user.Anniversary is { } anniversary)
        {
            series.Add(Annual(EventKinds.Anniversary, anniversary));
        }

        return series;

        RecurringSeries Annual(string kind, LocalDate date)
        {
            var options = events.Value.For(kind);
            var entity = OccurrenceKeys.UserEntity(userId);
            var recurrence = new ZonedRecurrence(
                date.At(options.TimeOfDay),
                Yearly,
                [],
                zone,
                RecurrencePolicies.Default with { InvalidDate = options.InvalidDate });
            return new RecurringSeries(
                OccurrenceKeys.AnnualSeries(entity, kind),
                kind,
                recurrence,
                local => OccurrenceKeys.Annual(entity, kind, local.Year),
                OccurrenceKeys.AnnualNominal,
                options.CatchUpDuration,
                new OccurrenceDelivery(options.Channel, options.WebhookUrl, recipient, MessageTemplate.Render(options.Template, recipient), options.Guarantee)
                {
                    MaxAttempts = options.MaxAttempts ?? 0,
                    MaxAge = options.MaxAge is { } maxAge ? Duration.FromTimeSpan(maxAge) : null,
                },
                zones.VersionId,
                options.Spread is { } spread ? Duration.FromTimeSpan(spread) : Duration.Zero);
        }
    }
}
