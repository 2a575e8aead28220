using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Text;
using Reminders.Api.Validation;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Interfaces.Users;
using Reminders.Grains.Scheduling;

namespace Reminders.Api.Users;

/// <summary>
/// Reads a user body field by field, collecting every problem at once, each under the field's name.
/// Dates are strict ISO <c>YYYY-MM-DD</c>; birthdays and anniversaries lie between 1900-01-01 and today in
/// the user's own zone.
/// </summary>
public sealed partial class UserRequestReader(TimeZoneIds zoneIds, IDateTimeZoneProvider zones, TimeProvider clock, IOptions<EventsOptions> events)
{
    public const int MaxNameLength = 100;
    public const int MaxEmailLength = 254;

    private static readonly LocalDate EarliestDate = new(1900, 1, 1);
    private static readonly string[] DefinitionFields = ["firstName", "lastName", "email", "birthday", "anniversary", "timezone"];

    // On replace, the representation's read-only members may come back as they were read.
    private static readonly HashSet<string> CreateFields = ["id", .. DefinitionFields];
    private static readonly HashSet<string> ReplaceFields = ["id", "version", "upcoming", .. DefinitionFields];

    /// <summary>Reads a create (<paramref name="routeId"/> null) or a replace of the user <paramref name="routeId"/>.</summary>
    public UserRequest? Read(JsonElement body, string? routeId, out Dictionary<string, string[]> errors)
    {
        var found = new Dictionary<string, List<string>>();
        void Fail(string field, string message) =>
            (found.TryGetValue(field, out var list) ? list : found[field] = []).Add(message);

        var allowed = routeId is null ? CreateFields : ReplaceFields;
        foreach (var member in body.EnumerateObject().Where(m => !allowed.Contains(m.Name)))
        {
            Fail(member.Name, $"'{member.Name}' is not a field of a user; fields are {string.Join(", ", DefinitionFields)} (and an optional id).");
        }

        var id = JsonFields.ReadId(body, routeId, "user", Fail);
        var firstName = ReadName(body, "firstName", Fail);
        var lastName = ReadName(body, "lastName", Fail);
        var email = ReadEmail(body, Fail);
        var zoneId = JsonFields.ReadZone(body, zoneIds, Fail);

        // "Today" is the user's own date: it may already be tomorrow in Auckland.
        var today = Instant.FromDateTimeOffset(clock.GetUtcNow()).InZone(zoneId is null ? DateTimeZone.Utc : zones[zoneId]).Date;
        var birthday = ReadDate(body, "birthday", required: true, today, Fail);
        var anniversary = ReadDate(body, "anniversary", required: false, today, Fail);
        var version = routeId is null ? null : JsonFields.ReadVersion(body, Fail);
        if (firstName is not null && lastName is not null && email is not null)
        {
            var recipient = new Dictionary<string, string> { ["firstName"] = firstName, ["lastName"] = lastName, ["email"] = email };
            CheckMessageSize(EventKinds.Birthday, recipient, Fail);
            if (anniversary is not null)
            {
                CheckMessageSize(EventKinds.Anniversary, recipient, Fail);
            }
        }

        errors = found.ToDictionary(p => p.Key, p => p.Value.ToArray());
        return errors.Count > 0
            ? null
            : new UserRequest(id, new UserDefinition(firstName!, lastName!, email!, birthday!.Value, anniversary, zoneId!), version);
    }

    private static string? ReadName(JsonElement body, string field, Action<string, string> fail)
    {
        if (!JsonFields.TryGetString(body, field, required: true, fail, out var raw))
        {
            return null;
        }

        var name = raw!.Trim();
        if (name.Length == 0)
        {
            fail(field, $"{field} must not be blank.");
        }
        else if (name.Length > MaxNameLength)
        {
            fail(field, $"{field} must be at most {MaxNameLength} characters.");
        }
        else if (TextRules.NameProblem(name) is { } problem)
        {
            fail(field, $"{field} {problem}");
        }

        return name;
    }

    private static string? ReadEmail(JsonElement body, Action<string, string> fail)
    {
        if (!JsonFields.TryGetString(body, "email", required: true, fail, out var email))
        {
            return null;
        }

        if (TextRules.Problem(email!, multiline: false) is { } problem)
        {
            fail("email", $"email {problem}");
        }
        else if (email!.Length > MaxEmailLength || !EmailPattern().IsMatch(email))
        {
            fail("email", "email must be a single address such as 'ada@example.com'.");
        }

        return email;
    }

    private static LocalDate? ReadDate(JsonElement body, string field, bool required, LocalDate today, Action<string, string> fail)
    {
        if (!JsonFields.TryGetString(body, field, required, fail, out var text) || text is null)
        {
            return null;
        }

        if (!DatePattern().IsMatch(text))
        {
            fail(field, $"{field} must be a date written YYYY-MM-DD.");
            return null;
        }

        var parsed = LocalDatePattern.Iso.Parse(text);
        if (!parsed.Success)
        {
            fail(field, $"{field} '{text}' is not a real calendar date.");
            return null;
        }

        var date = parsed.Value;
        if (date < EarliestDate)
        {
            fail(field, $"{field} must be on or after 1900-01-01.");
        }
        else if (date > today)
        {
            fail(field, $"{field} must not be in the future (today is {LocalDatePattern.Iso.Format(today)} in the user's zone).");
        }

        return date;
    }

    /// <summary>The kind's template with this user's values is what each of its occurrences stores and sends.</summary>
    private void CheckMessageSize(string kind, Dictionary<string, string> recipient, Action<string, string> fail)
    {
        var template = events.Value.For(kind).Template;
        if (MessageTemplate.RenderedBytes(template, recipient) is var bytes and > MessageTemplate.MaxRenderedBytes)
        {
            foreach (var field in MessageTemplate.Placeholders(template).Where(recipient.ContainsKey))
            {
                fail(field, string.Create(CultureInfo.InvariantCulture,
                    $"with this {field}, the {kind} message (the template of kind '{kind}' with the user's values) is {bytes:N0} bytes of UTF-8; at most {MessageTemplate.MaxRenderedBytes:N0} (64 KiB)."));
            }
        }
    }

    [GeneratedRegex("^[0-9]{4}-[0-9]{2}-[0-9]{2}$")]
    private static partial Regex DatePattern();

    // Pragmatic, not RFC 5322: one local part without spaces or specials, and a dotted domain of DNS labels.
    [GeneratedRegex(@"^[^\s@<>()\[\],;:""\\]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$")]
    private static partial Regex EmailPattern();
}
