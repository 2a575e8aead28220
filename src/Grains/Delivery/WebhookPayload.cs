using System.Text.Json.Serialization;
using NodaTime.Text;

namespace Reminders.Grains.Delivery;

/// <summary>
/// The JSON body of a webhook: <c>email</c> and <c>message</c> first, for receivers that only want those; <c>alarm</c>
/// only on an alarm's delivery (its <c>localTime</c> and <c>dueUtc</c> are then the alarm's own).
/// </summary>
public sealed record WebhookPayload(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Email,
    string Message,
    string Key,
    string Kind,
    IReadOnlyDictionary<string, string> Recipient,
    string LocalTime,
    string DueUtc,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] AlarmPayload? Alarm = null)
{
    public static WebhookPayload From(DeliveryRequest request) =>
        new(
            request.Recipient.TryGetValue("email", out var email) ? email : null,
            request.Message,
            request.IdempotencyKey,
            request.Kind,
            request.Recipient,
            LocalDateTimePattern.ExtendedIso.Format(request.LocalTime),
            InstantPattern.General.Format(request.Due),
            AlarmPayload.Of(request.IdempotencyKey));
}
