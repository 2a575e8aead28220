using System.ComponentModel.DataAnnotations;
using NodaTime;
using NodaTime.Text;

namespace Reminders.Grains.Scheduling;

/// <summary>How one event kind is delivered. Bound from <c>Reminders:Events:&lt;Kind&gt;</c>.</summary>
public sealed class EventKindOptions
{
    /// <summary>The local time of day, <c>HH:mm</c>, at which the message is sent in the recipient's zone.</summary>
    /// <value>The default is 09:00.</value>
    [Required, RegularExpression(@"^([01][0-9]|2[0-3]):[0-5][0-9]$", ErrorMessage = "LocalTime must be HH:mm (00:00-23:59).")]
    public string LocalTime { get; set; } = "09:00";

    /// <summary>The message, with <c>{firstName}</c>, <c>{lastName}</c> and <c>{email}</c> placeholders.</summary>
    [Required]
    public string Template { get; set; } = "";

    /// <summary>How late a missed occurrence is still sent; older ones are recorded as skipped.</summary>
    /// <value>The default is 2 days.</value>
    [Range(typeof(TimeSpan), "00:00:00", "366.00:00:00")]
    public TimeSpan CatchUpWindow { get; set; } = TimeSpan.FromDays(2);

    public LocalTime TimeOfDay => LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(LocalTime).Value;

    public Duration CatchUpDuration => Duration.FromTimeSpan(CatchUpWindow);
}
