using System.ComponentModel.DataAnnotations;
using Reminders.Grains.Interfaces.Occurrences;

namespace Reminders.Grains.Scheduling;

/// <summary>The configured event kinds. Bound from <c>Reminders:Events</c>.</summary>
public sealed class EventsOptions
{
    public const string SectionName = "Reminders:Events";

    [Required]
    public EventKindOptions Birthday { get; set; } = new() { Template = "Hey, {firstName} {lastName} it's your birthday" };

    [Required]
    public EventKindOptions Anniversary { get; set; } = new() { Template = "Hey, {firstName} {lastName} happy anniversary" };

    public EventKindOptions For(string kind) => kind switch
    {
        EventKinds.Birthday => Birthday,
        EventKinds.Anniversary => Anniversary,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown event kind."),
    };
}
