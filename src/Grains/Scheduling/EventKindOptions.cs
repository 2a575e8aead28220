using System.ComponentModel.DataAnnotations;
using NodaTime;
using NodaTime.Text;
using Reminders.Grains.Delivery;
using Reminders.Grains.Interfaces.Schedules;

namespace Reminders.Grains.Scheduling;

/// <summary>How one event kind is delivered. Bound from <c>Reminders:Events:&lt;Kind&gt;</c>.</summary>
public sealed class EventKindOptions
{
    /// <summary>
    /// The local time of day, <c>HH:mm</c>, of events that are only a date (users' birthdays and anniversaries).
    /// Schedules carry their own time in <c>start</c>.
    /// </summary>
    /// <value>The default is 09:00.</value>
    [Required, RegularExpression(@"^([01][0-9]|2[0-3]):[0-5][0-9]$", ErrorMessage = "LocalTime must be HH:mm (00:00-23:59).")]
    public string LocalTime { get; set; } = "09:00";

    /// <summary>The message template, with <c>{placeholders}</c>; a schedule's own <c>message</c> takes precedence.</summary>
    /// <value>The default is none: schedules of this kind must then give a message.</value>
    public string Template { get; set; } = "";

    /// <summary>Where this kind's messages go when the schedule names no <c>webhookUrl</c>.</summary>
    /// <value>The default is none: <c>Reminders:Delivery:WebhookUrl</c>.</value>
    public Uri? WebhookUrl { get; set; }

    /// <summary>The delivery channel, by name.</summary>
    /// <value>The default is <c>webhook</c>.</value>
    [Required]
    public string Channel { get; set; } = WebhookChannel.ChannelName;

    /// <summary>How late a missed occurrence is still sent; older ones are recorded as skipped.</summary>
    /// <value>The default is 2 days.</value>
    [Range(typeof(TimeSpan), "00:00:00", "366.00:00:00")]
    public TimeSpan CatchUpWindow { get; set; } = TimeSpan.FromDays(2);

    /// <summary>How many attempts an occurrence of this kind gets before it is dead-lettered.</summary>
    /// <value>The default is none: <c>Reminders:Delivery:MaxAttempts</c> (10).</value>
    [Range(1, 1000)]
    public int? MaxAttempts { get; set; }

    /// <summary>How long after its due time an occurrence of this kind is still attempted (retries included).</summary>
    /// <value>The default is none: the catch-up window.</value>
    [Range(typeof(TimeSpan), "00:00:01", "366.00:00:00")]
    public TimeSpan? MaxAge { get; set; }

    /// <summary>The default delivery guarantee of schedules of this kind.</summary>
    /// <value>The default is at least once.</value>
    public DeliveryGuarantee Guarantee { get; set; } = DeliveryGuarantee.AtLeastOnce;

    /// <summary>The default invalid-date policy of this kind.</summary>
    /// <value>The default is omit (RFC 5545); birthdays and anniversaries default to backward.</value>
    public InvalidDatePolicy InvalidDate { get; set; } = InvalidDatePolicy.Omit;

    /// <summary>
    /// Spreads each occurrence of this kind over this long after its due time, by an offset derived from its key
    /// (the same on every silo), so a herd due at one instant does not reach the receiver in one second. A
    /// schedule's own <c>policy.spread</c> takes precedence. At most 24 hours.
    /// </summary>
    /// <value>The default is none: every occurrence goes out at its due time.</value>
    public TimeSpan? Spread { get; set; }

    public LocalTime TimeOfDay => LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(LocalTime).Value;

    public Duration CatchUpDuration => Duration.FromTimeSpan(CatchUpWindow);
}
