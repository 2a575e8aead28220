using NodaTime;
using NodaTime.Text;
using Reminders.Grains.Interfaces.Schedules;

namespace Reminders.Cluster.Tests;

/// <summary>Test schedules: a custom message to Ada, with the policies a test asks for.</summary>
public static class Schedules
{
    public static readonly Dictionary<string, string> Ada = new() { ["firstName"] = "Ada", ["email"] = "ada@example.com" };

    public static ScheduleDefinition Definition(
        string zone,
        string start,
        string? rule,
        string message = "Hi {firstName}, stand-up in 5",
        DeliveryGuarantee guarantee = DeliveryGuarantee.AtLeastOnce,
        string kind = "custom") =>
        new(kind, zone, Local(start), rule, [], Ada, message, null,
            new SchedulePolicy(InvalidDatePolicy.Omit, DstGapPolicy.ShiftForward, DstOverlapPolicy.Earlier, Duration.FromDays(2), guarantee));

    public static LocalDateTime Local(string iso) => LocalDateTimePattern.ExtendedIso.Parse(iso).Value;
}
