using Microsoft.Extensions.Options;
using NodaTime;
using Reminders.Grains.Calendars;
using Reminders.Grains.Interfaces.Schedules;
using Reminders.Grains.Recurrence;
using Reminders.Grains.Scheduling;

namespace Reminders.Grains.Schedules;

/// <summary>
/// Turns a schedule's definition into its series: the recurrence in its zone under its policies, keyed by each
/// instance's local date-time, sending the rendered message (the schedule's own, or its kind's template) to the
/// schedule's target, or its kind's, or the service's; and one series per alarm, sending the alarm's own message
/// (or the same one) the same way. With the schedule's business calendar, when it names one, instances on its
/// excluded days are skipped or moved, and their alarms with them.
/// </summary>
public sealed class ScheduleSeriesFactory(IOptions<EventsOptions> events, IDateTimeZoneProvider zones)
{
    /// <summary>The occurrences' series first, then one series per alarm, in the definition's order.</summary>
    public IReadOnlyList<IOccurrenceSeries> AllSeriesFor(string scheduleId, ScheduleDefinition schedule, BusinessCalendar? calendar = null)
    {
        var occurrences = SeriesFor(scheduleId, schedule, calendar);
        if (schedule.AlarmList.Count == 0)
        {
            return [occurrences];
        }

        var template = schedule.Message ?? events.Value.For(schedule.Kind).Template;
        var entity = OccurrenceKeys.ScheduleEntity(scheduleId);
        return
        [
            occurrences,
            .. schedule.AlarmList.Select(alarm => new AlarmSeries(
                entity,
                occurrences,
                AlarmOffset.Parse(alarm.Offset),
                occurrences.Delivery with { Message = MessageTemplate.Render(alarm.Message ?? template, schedule.Recipient) },
                schedule.Policy.Spread ?? Duration.Zero)),
        ];
    }

    /// <summary>The occurrences' series alone.</summary>
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
