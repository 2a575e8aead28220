using Microsoft.Extensions.Options;
using NodaTime;
using Reminders.Grains.Calendars;
using Reminders.Grains.Interfaces.Schedules;
using Reminders.Grains.Recurrence;
using Reminders.Grains.Scheduling;

namespace Reminders.Grains.Schedules;

/// <summary>
/// Turns a schedule's definition into its one series: the recurrence in its zone under its policies, keyed by
/// each instance's local date-time, sending the rendered message (the schedule's own, or its kind's template)
/// to the schedule's target, or its kind's, or the service's; with the schedule's business calendar, when it names one,
/// skipping or moving instances on its excluded days.
/// </summary>
public sealed class ScheduleSeriesFactory(IOptions<EventsOptions> events, IDateTimeZoneProvider zones)
{
    public RecurringSeries SeriesFor(string scheduleId, ScheduleDefinition schedule, BusinessCalendar? calendar = null)
    {
        var kind = events.Value.For(schedule.Kind);
        var entity = OccurrenceKeys.ScheduleEntity(scheduleId);
        var recurrence = Recurrence(schedule);
        var message = MessageTemplate.Render(schedule.Message ?? kind.Template, schedule.Recipient);
        return new RecurringSeries(
            entity,
            EventsOptions.Canonical(schedule.Kind),
            recurrence,
            local => OccurrenceKeys.AtLocalTime(entity, local),
            local => local,
            schedule.Policy.CatchUpWindow,
            new OccurrenceDelivery(kind.Channel, schedule.WebhookUrl ?? kind.WebhookUrl, schedule.Recipient, message, schedule.Policy.Guarantee)
            {
                TargetFromClient = schedule.WebhookUrl is not null,
                MaxAttempts = kind.MaxAttempts ?? 0,
                MaxAge = kind.MaxAge is { } maxAge ? Duration.FromTimeSpan(maxAge) : null,
            },
            zones.VersionId,
            schedule.Policy.Spread ?? Duration.Zero,
            schedule.Calendar is not null && calendar is not null ? new ExcludedDays(calendar, schedule.Policy.OnExcluded ?? ExcludedDayPolicy.Skip) : null);
    }

    /// <summary>The definition's recurrence alone, for previews and validation.</summary>
    public ZonedRecurrence Recurrence(ScheduleDefinition schedule) =>
        Recurrence(schedule, schedule.Rule is null ? null : RecurrenceRuleParser.Parse(schedule.Rule));

    /// <summary>The same, with the definition's rule already parsed.</summary>
    public ZonedRecurrence Recurrence(ScheduleDefinition schedule, RecurrenceRule? rule) =>
        new(
            schedule.Start,
            rule,
            schedule.ExtraDates,
            schedule.ExDates,
            zones[schedule.TimeZone],
            new RecurrencePolicies(schedule.Policy.InvalidDate, schedule.Policy.DstGap, schedule.Policy.DstOverlap));
}
