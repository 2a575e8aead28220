using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Text;
using Reminders.Api.Validation;
using Reminders.Grains.Delivery;
using Reminders.Grains.Interfaces.Schedules;
using Reminders.Grains.Recurrence;
using Reminders.Grains.Schedules;
using Reminders.Grains.Scheduling;

namespace Reminders.Api.Schedules;

/// <summary>
/// Reads a schedule body field by field, collecting every problem at once, each under the field's name
/// (<c>rrule</c> errors name the rule part). Defaults come from the kind's configuration and are written into
/// the stored policy, so a read shows what applies. A rule that produces no instance at all is refused. A
/// <c>webhookUrl</c> must satisfy the <see cref="WebhookTargetGuard"/>: judged here as written, and then, for an
/// otherwise valid request, by <see cref="TargetProblemAsync"/> for what its name resolves to.
/// </summary>
public sealed partial class ScheduleRequestReader(
    TimeZoneIds zoneIds,
    IOptions<EventsOptions> events,
    ScheduleSeriesFactory seriesFactory,
    WebhookTargetGuard targets,
    TimeProvider clock)
{
    public const int MaxMessageLength = 4_000;
    public const int MaxRecipientFields = 50;
    public const int MaxRecipientValueLength = 1_000;
    public const int MaxExDates = 1_000;
    public const int MaxRDates = 1_000;
    public const int MaxUrlLength = 2_048;

    private static readonly Duration MaxCatchUpWindow = Duration.FromDays(366);
    private static readonly LocalDateTime EarliestStart = new(1900, 1, 1, 0, 0);
    private static readonly LocalDateTime LatestStart = new(9000, 1, 1, 0, 0);

    private static readonly LocalDateTimePattern LocalPattern = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss");
    private static readonly string[] DefinitionFields = ["kind", "timezone", "start", "rrule", "rdates", "exdates", "recipient", "message", "webhookUrl", "policy", "alarms", "calendar"];
    private static readonly string[] PolicyFields = ["invalidDate", "dstGap", "dstOverlap", "catchUpWindow", "guarantee", "spread", "onExcluded"];
    private static readonly HashSet<string> CreateFields = ["id", .. DefinitionFields];
    private static readonly HashSet<string> ReplaceFields = ["id", "version", "paused", "upcoming", .. DefinitionFields];

    /// <summary>Reads a create or preview (<paramref name="routeId"/> null) or a replace of the schedule <paramref name="routeId"/>.</summary>
    public ScheduleRequest? Read(JsonElement body, string? routeId, out Dictionary<string, string[]> errors)
    {
        var found = new Dictionary<string, List<string>>();
        void Fail(string field, string message) =>
            (found.TryGetValue(field, out var list) ? list : found[field] = []).Add(message);

        var allowed = routeId is null ? CreateFields : ReplaceFields;
        foreach (var member in body.EnumerateObject().Where(m => !allowed.Contains(m.Name)))
        {
            Fail(member.Name, $"'{member.Name}' is not a field of a schedule; fields are {string.Join(", ", DefinitionFields)} (and an optional id).");
        }

        var id = JsonFields.ReadId(body, routeId, "schedule", Fail);
        var kind = ReadKind(body, Fail);
        var zoneId = JsonFields.ReadZone(body, zoneIds, Fail);
        var start = ReadStart(body, Fail);
        var rule = ReadRule(body, Fail, out var ruleText);
        var rDates = ReadRDates(body, start, Fail);
        var exDates = ReadExDates(body, Fail);
        var recipient = ReadRecipient(body, Fail);
        var message = ReadMessage(body, Fail);
        var alarms = AlarmsReader.Read(body, recipient, Fail);
        var webhookUrl = ReadWebhookUrl(body, Fail);
        var policy = kind is null ? null : ReadPolicy(body, events.Value.For(kind), Fail);
        var calendar = ReadCalendar(body, Fail);
        var onExcluded = ReadOnExcluded(body, calendar, Fail);
        var version = routeId is null ? null : JsonFields.ReadVersion(body, Fail);
        ScheduleText.Check(body, Fail);

        if (kind is not null && recipient is not null)
        {
            CheckTemplate(kind, message, recipient, Fail);
        }

        errors = found.ToDictionary(p => p.Key, p => p.Value.ToArray());
        if (errors.Count > 0)
        {
            return null;
        }

        var definition = new ScheduleDefinition(
            kind!, zoneId!, start!.Value, ruleText, exDates!, recipient!, message, webhookUrl, policy! with { OnExcluded = onExcluded }, rDates!,
            alarms!.Count == 0 ? null : alarms, calendar);
        CheckHasInstances(definition, rule, Fail);
        if (rule is null && found.Count == 0
            && OneShotStart.Problem(seriesFactory.Recurrence(definition, rule), Instant.FromDateTimeOffset(clock.GetUtcNow())) is { } past)
        {
            Fail("start", past);
        }

        errors = found.ToDictionary(p => p.Key, p => p.Value.ToArray());
        return errors.Count > 0 ? null : new ScheduleRequest(id, definition, version);
    }

    private string? ReadKind(JsonElement body, Action<string, string> fail)
    {
        if (!JsonFields.TryGetString(body, "kind", required: true, fail, out var text))
        {
            return null;
        }

        if (events.Value.Find(text!) is { } kind)
        {
            return kind;
        }

        fail("kind", $"'{text}' is not a configured kind; kinds are {string.Join(", ", events.Value.Kinds.Keys.Select(EventsOptions.Canonical).Order())}.");
        return null;
    }

    private static LocalDateTime? ReadStart(JsonElement body, Action<string, string> fail)
    {
        if (!JsonFields.TryGetString(body, "start", required: true, fail, out var text))
        {
            return null;
        }

        if (ParseLocal(text!) is not { } start)
        {
            fail("start", "start must be a local date-time written YYYY-MM-DDTHH:mm:ss, with no offset or Z: the zone is 'timezone'.");
            return null;
        }

        if (start < EarliestStart || start >= LatestStart)
        {
            fail("start", "start must be from 1900-01-01T00:00:00 up to 9000-01-01T00:00:00.");
            return null;
        }

        return start;
    }

    private static RecurrenceRule? ReadRule(JsonElement body, Action<string, string> fail, out string? text)
    {
        if (!JsonFields.TryGetString(body, "rrule", required: false, fail, out text) || text is null)
        {
            return null;
        }

        if (RecurrenceRuleParser.TryParse(text, out var rule, out var error))
        {
            return rule;
        }

        fail("rrule", error);
        return null;
    }

    /// <summary>
    /// Extra occurrences (RFC 5545 RDATE), each a local date-time at or after start; a duplicate is refused rather
    /// than merged, since it is most likely a client's mistake and would otherwise vanish without a word.
    /// </summary>
    private static IReadOnlyList<LocalDateTime>? ReadRDates(JsonElement body, LocalDateTime? start, Action<string, string> fail)
    {
        if (!body.TryGetProperty("rdates", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            fail("rdates", "rdates must be an array of local date-times written YYYY-MM-DDTHH:mm:ss.");
            return null;
        }

        if (value.GetArrayLength() > MaxRDates)
        {
            fail("rdates", $"rdates may hold at most {MaxRDates} entries.");
            return null;
        }

        var dates = new SortedSet<LocalDateTime>();
        var index = 0;
        var ok = true;
        foreach (var item in value.EnumerateArray())
        {
            var name = $"rdates[{index++}]";
            if (item.ValueKind != JsonValueKind.String || ParseLocal(item.GetString()!) is not { } date)
            {
                fail(name, "each rdate must be a local date-time written YYYY-MM-DDTHH:mm:ss (in the schedule's zone, no offset).");
                ok = false;
            }
            else if (!dates.Add(date))
            {
                fail(name, $"{item.GetString()} appears more than once in rdates.");
                ok = false;
            }
            else if (start is { } first && (date < first || date >= LatestStart))
            {
                fail(name, "each rdate must be at or after start (the series begins at start) and before 9000-01-01T00:00:00.");
                ok = false;
            }
        }

        return ok ? [.. dates] : null;
    }

    private static IReadOnlyList<LocalDateTime>? ReadExDates(JsonElement body, Action<string, string> fail)
    {
        if (!body.TryGetProperty("exdates", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            fail("exdates", "exdates must be an array of local date-times written YYYY-MM-DDTHH:mm:ss.");
            return null;
        }

        if (value.GetArrayLength() > MaxExDates)
        {
            fail("exdates", $"exdates may hold at most {MaxExDates} entries.");
            return null;
        }

        var dates = new SortedSet<LocalDateTime>();
        var index = 0;
        var ok = true;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String && ParseLocal(item.GetString()!) is { } date)
            {
                dates.Add(date);
            }
            else
            {
                fail($"exdates[{index}]", "each exdate must be a local date-time written YYYY-MM-DDTHH:mm:ss (in the schedule's zone, no offset).");
                ok = false;
            }

            index++;
        }

        return ok ? [.. dates] : null;
    }

    private static Dictionary<string, string>? ReadRecipient(JsonElement body, Action<string, string> fail)
    {
        if (!body.TryGetProperty("recipient", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            fail("recipient", "recipient must be an object of string values, such as {\"email\": \"ada@example.com\", \"firstName\": \"Ada\"}.");
            return null;
        }

        var recipient = new Dictionary<string, string>();
        var ok = true;
        foreach (var member in value.EnumerateObject())
        {
            if (!FieldName().IsMatch(member.Name))
            {
                fail("recipient", $"'{member.Name}' is not a usable name: letters, digits and '_', starting with a letter or '_'.");
                ok = false;
            }
            else if (member.Value.ValueKind != JsonValueKind.String)
            {
                fail($"recipient.{member.Name}", $"recipient.{member.Name} must be a string.");
                ok = false;
            }
            else if (member.Value.GetString()!.Length > MaxRecipientValueLength)
            {
                fail($"recipient.{member.Name}", $"recipient.{member.Name} must be at most {MaxRecipientValueLength} characters.");
                ok = false;
            }
            else
            {
                recipient[member.Name] = member.Value.GetString()!;
            }
        }

        if (recipient.Count > MaxRecipientFields)
        {
            fail("recipient", $"recipient may have at most {MaxRecipientFields} fields.");
            ok = false;
        }

        return ok ? recipient : null;
    }

    private static string? ReadMessage(JsonElement body, Action<string, string> fail)
    {
        if (!JsonFields.TryGetString(body, "message", required: false, fail, out var message) || message is null)
        {
            return null;
        }

        if (message.Trim().Length == 0 || message.Length > MaxMessageLength)
        {
            fail("message", $"message must not be blank and must be at most {MaxMessageLength} characters.");
        }

        return message;
    }

    /// <summary>
    /// The errors of a request whose <c>webhookUrl</c> names a host that resolves to a forbidden address, or null.
    /// Run only once everything else is valid, since it may wait on DNS (briefly: see <see cref="WebhookTargetGuard"/>).
    /// </summary>
    public async Task<Dictionary<string, string[]>?> TargetProblemAsync(ScheduleRequest request, CancellationToken cancellationToken) =>
        request.Definition.WebhookUrl is { } url && await targets.ProblemAsync(url, cancellationToken) is { } problem
            ? new Dictionary<string, string[]> { ["webhookUrl"] = [$"webhookUrl {problem}"] }
            : null;

    private Uri? ReadWebhookUrl(JsonElement body, Action<string, string> fail)
    {
        if (!JsonFields.TryGetString(body, "webhookUrl", required: false, fail, out var text) || text is null)
        {
            return null;
        }

        if (text.Length > MaxUrlLength || !Uri.TryCreate(text, UriKind.Absolute, out var url))
        {
            fail("webhookUrl", "webhookUrl must be an absolute http or https URL.");
            return null;
        }

        if ((WebhookTargets.Problem(url) ?? targets.ProblemBeforeResolving(url)) is { } problem)
        {
            fail("webhookUrl", $"webhookUrl {problem}");
            return null;
        }

        return url;
    }

    // Whether it exists is asked of the store (ScheduleCalendars), and again, atomically, by the grain.
    private static string? ReadCalendar(JsonElement body, Action<string, string> fail)
    {
        if (!JsonFields.TryGetString(body, "calendar", required: false, fail, out var id) || id is null)
        {
            return null;
        }

        if (!EntityIds.IsValid(id))
        {
            fail("calendar", "calendar must be the id of a business calendar: " + EntityIds.Rule);
            return null;
        }

        return id;
    }

    // What a business calendar's excluded day means for this schedule: skip unless said otherwise; only with a calendar.
    private static ExcludedDayPolicy? ReadOnExcluded(JsonElement body, string? calendar, Action<string, string> fail)
    {
        const string Name = "policy.onExcluded";
        string? text = null;
        if (body.TryGetProperty("policy", out var policy) && policy.ValueKind == JsonValueKind.Object
            && !JsonFields.TryGetString(policy, "onExcluded", required: false, (_, message) => fail(Name, $"policy.{message}"), out text))
        {
            return null;
        }

        if (text is null)
        {
            return calendar is null ? null : ExcludedDayPolicy.Skip;
        }

        if (calendar is null)
        {
            fail(Name, $"{Name} applies to the days a business calendar excludes: name one in calendar, or leave {Name} out.");
            return null;
        }

        if (PolicyNames.TryParse<ExcludedDayPolicy>(text, out var parsed))
        {
            return parsed;
        }

        fail(Name, $"'{text}' is not a value of {Name}; values are {string.Join(", ", PolicyNames.Names<ExcludedDayPolicy>())}.");
        return null;
    }

    private static SchedulePolicy? ReadPolicy(JsonElement body, EventKindOptions kind, Action<string, string> fail)
    {
        var defaults = new SchedulePolicy(kind.InvalidDate, DstGapPolicy.ShiftForward, DstOverlapPolicy.Earlier, kind.CatchUpDuration, kind.Guarantee,
            kind.Spread is { } kindSpread ? Duration.FromTimeSpan(kindSpread) : null);
        if (!body.TryGetProperty("policy", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return defaults;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            fail("policy", $"policy must be an object with any of {string.Join(", ", PolicyFields)}.");
            return null;
        }

        var ok = true;
        foreach (var member in value.EnumerateObject().Where(m => !PolicyFields.Contains(m.Name)))
        {
            fail($"policy.{member.Name}", $"'{member.Name}' is not a policy; policies are {string.Join(", ", PolicyFields)}.");
            ok = false;
        }

        var policy = defaults with
        {
            InvalidDate = Choice(value, "invalidDate", defaults.InvalidDate),
            DstGap = Choice(value, "dstGap", defaults.DstGap),
            DstOverlap = Choice(value, "dstOverlap", defaults.DstOverlap),
            Guarantee = Choice(value, "guarantee", defaults.Guarantee),
            CatchUpWindow = CatchUpWindow(value, defaults.CatchUpWindow),
            Spread = Spread(value, defaults.Spread),
        };
        return ok ? policy : null;

        TEnum Choice<TEnum>(JsonElement policyBody, string field, TEnum fallback) where TEnum : struct, Enum
        {
            var name = $"policy.{field}";
            if (!JsonFields.TryGetString(policyBody, field, required: false, (_, message) => fail(name, $"policy.{message}"), out var text) || text is null)
            {
                ok &= text is not null || !policyBody.TryGetProperty(field, out var present) || present.ValueKind == JsonValueKind.Null;
                return fallback;
            }

            if (PolicyNames.TryParse<TEnum>(text, out var parsed))
            {
                return parsed;
            }

            fail(name, $"'{text}' is not a value of {name}; values are {string.Join(", ", PolicyNames.Names<TEnum>())}.");
            ok = false;
            return fallback;
        }

        Duration CatchUpWindow(JsonElement policyBody, Duration fallback)
        {
            const string Name = "policy.catchUpWindow";
            if (!JsonFields.TryGetString(policyBody, "catchUpWindow", required: false, (_, message) => fail(Name, $"policy.{message}"), out var text) || text is null)
            {
                ok &= text is not null || !policyBody.TryGetProperty("catchUpWindow", out var present) || present.ValueKind == JsonValueKind.Null;
                return fallback;
            }

            if (PolicyNames.ParseDuration(text) is { } window && window >= Duration.Zero && window <= MaxCatchUpWindow)
            {
                return window;
            }

            fail(Name, $"{Name} must be an ISO 8601 duration from PT0S to P366D, such as PT6H or P2D.");
            ok = false;
            return fallback;
        }

        Duration? Spread(JsonElement policyBody, Duration? fallback)
        {
            const string Name = "policy.spread";
            if (!JsonFields.TryGetString(policyBody, "spread", required: false, (_, message) => fail(Name, $"policy.{message}"), out var text) || text is null)
            {
                ok &= text is not null || !policyBody.TryGetProperty("spread", out var present) || present.ValueKind == JsonValueKind.Null;
                return fallback;
            }

            if (PolicyNames.ParseDuration(text) is { } spread && spread >= Duration.FromSeconds(1) && spread <= SpreadOffsets.Max)
            {
                return spread;
            }

            fail(Name, $"{Name} must be an ISO 8601 duration from PT1S to PT24H, such as PT10M.");
            ok = false;
            return fallback;
        }
    }

    private void CheckTemplate(string kind, string? message, Dictionary<string, string> recipient, Action<string, string> fail)
    {
        var template = message ?? events.Value.For(kind).Template;
        if (template.Length == 0)
        {
            fail("message", $"message is required: kind '{kind}' has no configured template.");
            return;
        }

        var missing = false;
        foreach (var placeholder in MessageTemplate.Placeholders(template).Where(p => !recipient.ContainsKey(p)))
        {
            fail(message is null ? "recipient" : "message",
                $"the {(message is null ? $"template of kind '{kind}'" : "message")} uses {{{placeholder}}}, which recipient does not give.");
            missing = true;
        }

        // What every occurrence stores and sends: the template with each placeholder replaced by its value.
        if (!missing && MessageTemplate.RenderedBytes(template, recipient) is var bytes and > MessageTemplate.MaxRenderedBytes)
        {
            fail(message is null ? "recipient" : "message", string.Create(CultureInfo.InvariantCulture,
                $"the {(message is null ? $"template of kind '{kind}'" : "message")} with recipient's values in its placeholders is {bytes:N0} bytes of UTF-8; at most {MessageTemplate.MaxRenderedBytes:N0} (64 KiB)."));
        }
    }

    private void CheckHasInstances(ScheduleDefinition definition, RecurrenceRule? rule, Action<string, string> fail)
    {
        var recurrence = seriesFactory.Recurrence(definition, rule);
        if (rule?.Until is { } until && until.Excludes(definition.Start, recurrence.Resolve(new LocalInstance(definition.Start, default))?.Due ?? Instant.MaxValue))
        {
            fail("rrule", "UNTIL is before start.");
            return;
        }

        if (recurrence.First() is null)
        {
            fail(rule is null ? "start" : "rrule", rule is null
                ? "the schedule has no occurrence: start is excluded (by exdates or the dstGap policy)."
                : recurrence.SearchExhausted
                    ? string.Create(CultureInfo.InvariantCulture, $"the rule has no occurrence within the search bound: none was found among the first {RecurrenceExpander.MaxSearch:N0} candidate periods, days and times from start.")
                    : "the rule has no occurrence at all from start (after exdates, UNTIL and the policies).");
        }
    }

    // The round trip refuses what the pattern would silently move, such as T24:00:00 (read as the next day's 00:00).
    private static LocalDateTime? ParseLocal(string text) =>
        LocalPattern.Parse(text) is { Success: true } parsed && LocalPattern.Format(parsed.Value) == text ? parsed.Value : null;

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,63}$")]
    private static partial Regex FieldName();
}
