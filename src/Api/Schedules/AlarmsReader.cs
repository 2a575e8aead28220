using System.Globalization;
using System.Text.Json;
using Reminders.Api.Validation;
using Reminders.Grains.Interfaces.Schedules;
using Reminders.Grains.Scheduling;

namespace Reminders.Api.Schedules;

/// <summary>
/// Reads a schedule's <c>alarms</c>: at most <see cref="MaxAlarms"/> objects <c>{"offset", "message"?}</c>, each offset
/// an <see cref="AlarmOffset"/> (stored normalised, as its keys name it), no two the same once normalised (their
/// keys would be one), each message under the rules of the schedule's own and with its placeholders in recipient.
/// </summary>
public static class AlarmsReader
{
    public const int MaxAlarms = 10;

    private static readonly string[] Fields = ["offset", "message"];

    /// <summary>The alarms, empty when there are none, or null after recording each problem.</summary>
    public static IReadOnlyList<ScheduleAlarm>? Read(JsonElement body, IReadOnlyDictionary<string, string>? recipient, Action<string, string> fail)
    {
        if (!body.TryGetProperty("alarms", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            fail("alarms", "alarms must be an array of objects such as {\"offset\": \"-P1D\"} or {\"offset\": \"-PT1H\", \"message\": \"...\"}.");
            return null;
        }

        if (value.GetArrayLength() > MaxAlarms)
        {
            fail("alarms", $"alarms may hold at most {MaxAlarms} entries.");
            return null;
        }

        var alarms = new List<ScheduleAlarm>();
        var offsets = new HashSet<string>(StringComparer.Ordinal);
        var ok = true;
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var name = $"alarms[{index++}]";
            if (ReadOne(item, name, recipient, (field, message) => { fail(field, message); ok = false; }) is not { } alarm)
            {
                ok = false;
            }
            else if (!offsets.Add(alarm.Offset))
            {
                fail($"{name}.offset", $"{name}.offset is {alarm.Offset} once normalised, which an earlier alarm already is: both would have the same keys.");
                ok = false;
            }
            else
            {
                alarms.Add(alarm);
            }
        }

        return ok ? alarms : null;
    }

    private static ScheduleAlarm? ReadOne(JsonElement item, string name, IReadOnlyDictionary<string, string>? recipient, Action<string, string> fail)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            fail(name, $"{name} must be an object such as {{\"offset\": \"-P1D\"}}.");
            return null;
        }

        var ok = true;
        foreach (var member in item.EnumerateObject().Where(m => !Fields.Contains(m.Name)))
        {
            fail($"{name}.{member.Name}", $"'{member.Name}' is not a field of an alarm; fields are offset and message.");
            ok = false;
        }

        AlarmOffset? offset = null;
        if (JsonFields.TryGetString(item, "offset", required: true, (_, message) => fail($"{name}.offset", $"{name}.{message}"), out var text)
            && !AlarmOffset.TryParse(text!, out offset, out var error))
        {
            fail($"{name}.offset", $"{name}.offset {error}");
        }

        var message = ReadMessage(item, name, recipient, fail, ref ok);
        return ok && offset is not null ? new ScheduleAlarm(offset.Text, message) : null;
    }

    private static string? ReadMessage(JsonElement item, string name, IReadOnlyDictionary<string, string>? recipient, Action<string, string> fail, ref bool ok)
    {
        var field = $"{name}.message";
        if (!JsonFields.TryGetString(item, "message", required: false, (_, message) => fail(field, $"{name}.{message}"), out var message))
        {
            ok = false;
            return null;
        }

        if (message is null)
        {
            return null;
        }

        if (message.Trim().Length == 0 || message.Length > ScheduleRequestReader.MaxMessageLength)
        {
            fail(field, $"{field} must not be blank and must be at most {ScheduleRequestReader.MaxMessageLength} characters.");
            ok = false;
        }
        else if (TextRules.Problem(message, multiline: true) is { } problem)
        {
            fail(field, $"{field} {problem}");
            ok = false;
        }
        else if (recipient is not null)
        {
            foreach (var placeholder in MessageTemplate.Placeholders(message).Where(p => !recipient.ContainsKey(p)))
            {
                fail(field, $"{field} uses {{{placeholder}}}, which recipient does not give.");
                ok = false;
            }

            if (ok && MessageTemplate.RenderedBytes(message, recipient) is var bytes and > MessageTemplate.MaxRenderedBytes)
            {
                fail(field, string.Create(CultureInfo.InvariantCulture,
                    $"{field} with recipient's values in its placeholders is {bytes:N0} bytes of UTF-8; at most {MessageTemplate.MaxRenderedBytes:N0} (64 KiB)."));
                ok = false;
            }
        }

        return message;
    }
}
