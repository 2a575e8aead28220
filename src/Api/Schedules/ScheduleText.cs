using System.Text.Json;
using Reminders.Api.Validation;

namespace Reminders.Api.Schedules;

/// <summary>
/// The free-text rules for a schedule's <c>message</c> and recipient values (<see cref="TextRules"/>, line breaks
/// allowed), checked on the raw body beside the field readers, which check shape and size.
/// </summary>
public static class ScheduleText
{
    public static void Check(JsonElement body, Action<string, string> fail)
    {
        if (body.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String
            && TextRules.Problem(message.GetString()!, multiline: true) is { } problem)
        {
            fail("message", $"message {problem}");
        }

        if (!body.TryGetProperty("recipient", out var recipient) || recipient.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var member in recipient.EnumerateObject().Where(m => m.Value.ValueKind == JsonValueKind.String))
        {
            if (TextRules.Problem(member.Value.GetString()!, multiline: true) is { } valueProblem)
            {
                fail($"recipient.{member.Name}", $"recipient.{member.Name} {valueProblem}");
            }
        }
    }
}
