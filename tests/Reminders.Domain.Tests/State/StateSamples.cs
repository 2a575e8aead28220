using NodaTime;
using Reminders.Grains.Interfaces.Schedules;
using Reminders.Grains.Interfaces.Users;
using Reminders.Grains.Schedules;
using Reminders.Grains.Users;

namespace Reminders.Domain.Tests.State;

/// <summary>
/// One user's and one schedule's grain state with every field set to a distinctive value: what the golden files
/// under <c>State/Golden</c> hold, as serialized by the release named in each file name. Never change these values;
/// a field added to a state type gets its check in <see cref="StateCompatibilityTests"/>, reading as its default
/// from older files.
/// </summary>
internal static class StateSamples
{
    public static UserState User() => new()
    {
        Definition = new UserDefinition("Ada", "Lovelace", "ada@example.com", new LocalDate(1815, 12, 10), new LocalDate(1835, 7, 8), "Europe/London"),
        Version = 7,
        Cursor = Instant.FromUtc(2026, 12, 10, 9, 0, 30),
        ChangeTrace = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
        ComputedWith = "TZDB: 2025b (mapping: 49); 3f9a0c1e2b7d4a65",
    };

    public static ScheduleState Schedule() => new()
    {
        Definition = new ScheduleDefinition(
            "custom",
            "America/New_York",
            new LocalDateTime(2027, 3, 1, 9, 0),
            "FREQ=WEEKLY;BYDAY=MO,WE",
            [new LocalDateTime(2027, 3, 3, 9, 0)],
            new Dictionary<string, string> { ["firstName"] = "Ada", ["email"] = "ada@example.com" },
            "Hi {firstName}, stand-up in 5",
            new Uri("https://hooks.example.com/standup"),
            new SchedulePolicy(InvalidDatePolicy.Forward, DstGapPolicy.ShiftForward, DstOverlapPolicy.Later, Duration.FromHours(36), DeliveryGuarantee.AtMostOnce, Duration.FromMinutes(10)),
            [new LocalDateTime(2027, 3, 6, 10, 30)]),
        Version = 4,
        Paused = true,
        Cursor = Instant.FromUtc(2027, 3, 8, 14, 0),
        ChangeTrace = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        ComputedWith = "TZDB: 2025b (mapping: 49); 0c1d2e3f40516273",
    };
}
