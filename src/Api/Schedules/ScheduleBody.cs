namespace Reminders.Api.Schedules;

// Documentation only: ScheduleRequestReader reads the JSON itself, field by field; this summary is the schema's description.
/// <summary>A schedule as sent to create, replace or preview one; a replace may also echo the read-only members it was read with.</summary>
public sealed record ScheduleBody
{
    /// <summary>The client's id: 1-64 characters of letters, digits, '.', '_' or '-', not only dots. Optional on create (one is generated); on replace, if given, the route's id.</summary>
    public string? Id { get; init; }

    /// <summary>A configured event kind, or custom (its own message and target).</summary>
    public required string Kind { get; init; }

    /// <summary>An IANA time zone id, such as America/New_York.</summary>
    public required string Timezone { get; init; }

    /// <summary>The local DTSTART, YYYY-MM-DDTHH:mm:ss with no offset (the zone is timezone). Without rrule, the one occurrence, which must not be before now.</summary>
    public required string Start { get; init; }

    /// <summary>Optional RFC 5545 RRULE value, such as FREQ=WEEKLY;BYDAY=MO,WE,FR; MINUTELY and SECONDLY are refused.</summary>
    public string? Rrule { get; init; }

    /// <summary>Optional extra occurrences (RFC 5545 RDATE): local date-times (YYYY-MM-DDTHH:mm:ss) at or after start, merged with the rule's; no duplicates, at most 1000.</summary>
    public IReadOnlyList<string>? Rdates { get; init; }

    /// <summary>Optional local date-times (YYYY-MM-DDTHH:mm:ss) the rule skips; at most 1000.</summary>
    public IReadOnlyList<string>? Exdates { get; init; }

    /// <summary>String values the message's {placeholders} use, such as {"firstName": "Ada"}; at most 50.</summary>
    public IReadOnlyDictionary<string, string>? Recipient { get; init; }

    /// <summary>The message template; required when the kind has no configured template. At most 4000 characters.</summary>
    public string? Message { get; init; }

    /// <summary>Optional absolute http or https URL to deliver to instead of the service's target; private addresses are refused.</summary>
    public Uri? WebhookUrl { get; init; }

    /// <summary>Optional alarms of each occurrence, such as [{"offset": "-P1D"}, {"offset": "-PT1H", "message": "..."}]; at most 10.</summary>
    public IReadOnlyList<AlarmBody>? Alarms { get; init; }

    /// <summary>Optional policies; each one left out takes the kind's default.</summary>
    public SchedulePolicyBody? Policy { get; init; }

    /// <summary>Optional id of a business calendar (PUT /api/v1/calendars/{id}) whose excluded days policy.onExcluded applies to; it must exist.</summary>
    public string? Calendar { get; init; }

    /// <summary>Replace only, optional: the version being replaced (a 412 when not current); If-Match takes precedence.</summary>
    public int? Version { get; init; }
}
