using NodaTime;

namespace Reminders.Grains.Interfaces.Schedules;

/// <summary>What a client says about a schedule: everything except the id and the server-kept state.</summary>
/// <param name="Kind">A configured event kind, or <c>custom</c>.</param>
/// <param name="TimeZone">A canonical IANA zone id from NodaTime's TZDB.</param>
/// <param name="Start">The local DTSTART in <paramref name="TimeZone"/>.</param>
/// <param name="Rule">An RFC 5545 RRULE value, or null for one occurrence at <paramref name="Start"/>.</param>
/// <param name="ExDates">Local date-times excluded from the series.</param>
/// <param name="Recipient">Who the message is for: the values its <c>{placeholders}</c> come from.</param>
/// <param name="Message">The message template, or null for the kind's template.</param>
/// <param name="WebhookUrl">Where to send, or null for the kind's or the service's default.</param>
/// <param name="RDates">
/// Extra local date-times added to the series (RFC 5545 RDATE); null in state stored before they existed,
/// which <see cref="ExtraDates"/> reads as none.
/// </param>
/// <param name="Alarms">Alarms relative to each occurrence; null in state stored before they existed, read as none.</param>
/// <param name="Calendar">
/// The business calendar whose excluded days <see cref="SchedulePolicy.OnExcluded"/> applies to, or null for none.
/// </param>
[GenerateSerializer, Immutable, Alias("Reminders.Schedules.ScheduleDefinition")]
public sealed record ScheduleDefinition(
    [property: Id(0)] string Kind,
    [property: Id(1)] string TimeZone,
    [property: Id(2)] LocalDateTime Start,
    [property: Id(3)] string? Rule,
    [property: Id(4)] IReadOnlyList<LocalDateTime> ExDates,
    [property: Id(5)] IReadOnlyDictionary<string, string> Recipient,
    [property: Id(6)] string? Message,
    [property: Id(7)] Uri? WebhookUrl,
    [property: Id(8)] SchedulePolicy Policy,
    [property: Id(9)] IReadOnlyList<LocalDateTime>? RDates = null,
    [property: Id(10)] IReadOnlyList<ScheduleAlarm>? Alarms = null,
    [property: Id(11)] string? Calendar = null)
{
    /// <summary>The extra local date-times, in order; empty when there are none.</summary>
    public IReadOnlyList<LocalDateTime> ExtraDates => RDates ?? [];

    /// <summary>The alarms, in the order given; empty when there are none.</summary>
    public IReadOnlyList<ScheduleAlarm> AlarmList => Alarms ?? [];

    // Collections compare by content, so a replayed create is recognised as the same definition.
    public bool Equals(ScheduleDefinition? other) =>
        other is not null
        && Kind == other.Kind
        && TimeZone == other.TimeZone
        && Start == other.Start
        && Rule == other.Rule
        && ExDates.SequenceEqual(other.ExDates)
        && ExtraDates.SequenceEqual(other.ExtraDates)
        && AlarmList.SequenceEqual(other.AlarmList)
        && Recipient.Count == other.Recipient.Count
        && Recipient.All(p => other.Recipient.TryGetValue(p.Key, out var value) && value == p.Value)
        && Message == other.Message
        && Equals(WebhookUrl, other.WebhookUrl)
        && Policy == other.Policy
        && Calendar == other.Calendar;

    public override int GetHashCode() => HashCode.Combine(Kind, TimeZone, Start, Rule, ExDates.Count, ExtraDates.Count, Recipient.Count, HashCode.Combine(Message, Policy, AlarmList.Count, Calendar));
}
