using NodaTime;
using Reminders.Grains.Interfaces.Schedules;
using Reminders.Grains.Recurrence;
using Reminders.Grains.Scheduling;

namespace Reminders.Domain.Tests.Recurrence;

/// <summary>
/// Properties that must hold for any rule: instances strictly increase, never precede start, respect COUNT,
/// UNTIL and exdates, and expanding from any instant gives the same instances (and keys) as expanding from
/// start and skipping ahead — so every silo, every restart and every wake agrees.
/// </summary>
public sealed class RecurrencePropertyTests
{
    private const int Instances = 40;

    private static readonly string[] Zones = ["America/New_York", "Europe/London", "Australia/Lord_Howe", "Pacific/Chatham", "Asia/Kathmandu"];

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 60)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Instances_increase_start_at_start_and_respect_count_until_and_exdates(int seed)
    {
        var (recurrence, rule, start, exDates) = RandomRecurrence(seed);

        var instances = recurrence.FromStart().Take(Instances).ToList();

        Assert.All(instances, i => Assert.True(i.Local >= start, $"{i.Local} precedes start {start}"));
        Assert.Equal(instances.Select(i => i.Due).Order(), instances.Select(i => i.Due));
        Assert.Equal(instances.Count, instances.Select(i => i.Due).Distinct().Count());
        Assert.DoesNotContain(instances, i => exDates.Contains(i.Local));
        if (rule.Count is { } count)
        {
            Assert.True(instances.Count <= count);
        }

        if (rule.Until is { Local: { } until })
        {
            Assert.All(instances, i => Assert.True(i.Local <= until));
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Expanding_from_any_instant_agrees_with_expanding_from_start(int seed)
    {
        var (recurrence, _, _, _) = RandomRecurrence(seed);
        var all = recurrence.FromStart().Take(Instances).ToList();

        for (var i = 0; i < all.Count; i += 7)
        {
            var fromHere = recurrence.From(all[i].Due).Take(all.Count - i).ToList();
            Assert.Equal(all.Skip(i), fromHere);

            var justAfter = recurrence.From(all[i].Due + Duration.Epsilon).FirstOrDefault();
            Assert.Equal(i + 1 < all.Count ? all[i + 1] : justAfter, justAfter);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Keys_are_the_same_from_two_independently_built_series(int seed)
    {
        var (first, _, _, _) = RandomRecurrence(seed);
        var (second, _, _, _) = RandomRecurrence(seed);
        var from = Instant.FromUtc(2027, 6, 1, 0, 0);

        Assert.Equal(Keys(first, from), Keys(second, from));

        static IEnumerable<string> Keys(ZonedRecurrence recurrence, Instant from) =>
            new RecurringSeries("schedule:p", "custom", recurrence, l => OccurrenceKeys.AtLocalTime("schedule:p", l), l => l, Duration.FromDays(2),
                    new OccurrenceDelivery("webhook", null, new Dictionary<string, string>(), "m", DeliveryGuarantee.AtLeastOnce), "test")
                .From(from, highWater: null).Take(10).Select(o => o.Key).ToList();
    }

    /// <summary>A reproducible rule with a random mix of parts, a random start and exdates among its own instances.</summary>
    private static (ZonedRecurrence Recurrence, RecurrenceRule Rule, LocalDateTime Start, HashSet<LocalDateTime> ExDates) RandomRecurrence(int seed)
    {
        var random = new Random(seed);
        string[] frequencies = ["YEARLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY"];
        var frequency = frequencies[random.Next(frequencies.Length)];
        var parts = new List<string> { $"FREQ={frequency}", $"INTERVAL={random.Next(1, 4)}" };
        string[] days = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
        if (random.Next(3) == 0)
        {
            var ordinal = frequency is "MONTHLY" or "YEARLY" && random.Next(2) == 0 ? (random.Next(2) == 0 ? "1" : "-1") : "";
            parts.Add("BYDAY=" + string.Join(",", days.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).Select(d => ordinal + d)));
        }
        else if (frequency is "MONTHLY" or "YEARLY" && random.Next(2) == 0)
        {
            parts.Add($"BYMONTHDAY={random.Next(1, 32)},{-random.Next(1, 29)}");
        }

        if (frequency is "YEARLY" or "DAILY" or "HOURLY" && random.Next(3) == 0)
        {
            parts.Add($"BYMONTH={random.Next(1, 13)},{random.Next(1, 13)}");
        }

        if (frequency is not "HOURLY" && random.Next(3) == 0)
        {
            parts.Add($"BYHOUR={random.Next(0, 24)},{random.Next(0, 24)}");
        }

        if (random.Next(4) == 0)
        {
            parts.Add($"BYMINUTE=0,{random.Next(1, 60)}");
        }

        if (random.Next(5) == 0 && parts.Any(p => p.StartsWith("BY", StringComparison.Ordinal)))
        {
            parts.Add("BYSETPOS=" + (random.Next(2) == 0 ? "1" : "-1"));
        }

        switch (random.Next(3))
        {
            case 0:
                parts.Add($"COUNT={random.Next(1, 60)}");
                break;
            case 1:
                parts.Add($"UNTIL={2028 + random.Next(0, 10)}0615T120000");
                break;
        }

        var start = new LocalDateTime(2026, random.Next(1, 13), random.Next(1, 29), random.Next(0, 24), random.Next(0, 4) * 15);
        var rule = RecurrenceRuleParser.Parse(string.Join(";", parts));
        var policies = new RecurrencePolicies(
            (InvalidDatePolicy)random.Next(3), (DstGapPolicy)random.Next(2), (DstOverlapPolicy)random.Next(2));
        var zone = Time.Zone(Zones[random.Next(Zones.Length)]);

        var plain = new ZonedRecurrence(start, rule, [], zone, policies);
        var exDates = plain.From(Instant.FromUtc(2000, 1, 1, 0, 0)).Take(Instances).Where(_ => random.Next(5) == 0).Select(i => i.Local).ToHashSet();
        return (new ZonedRecurrence(start, rule, exDates, zone, policies), rule, start, exDates);
    }
}
