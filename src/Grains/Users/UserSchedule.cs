using Microsoft.Extensions.Options;
using NodaTime;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Interfaces.Users;
using Reminders.Grains.Scheduling;

namespace Reminders.Grains.Users;

/// <summary>Turns a user's definition into the yearly series the engine schedules: a birthday, and an anniversary when given.</summary>
public sealed class UserSchedule(IOptions<EventsOptions> events, IDateTimeZoneProvider zones)
{
    public IReadOnlyList<IOccurrenceSeries> SeriesFor(string userId, UserDefinition user)
    {
        var zone = zones[user.TimeZone];
        var values = new Dictionary<string, string>
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

        AnnualSeries Annual(string kind, LocalDate date)
        {
            var options = events.Value.For(kind);
            return new AnnualSeries(
                kind,
                OccurrenceKeys.UserEntity(userId),
                new AnnualDate(date.Month, date.Day),
                options.TimeOfDay,
                zone,
                options.CatchUpDuration,
                user.Email,
                MessageTemplate.Render(options.Template, values));
        }
    }
}
