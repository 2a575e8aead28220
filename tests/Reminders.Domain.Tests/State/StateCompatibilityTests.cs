using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Reminders.Grains.Interfaces.Users;
using Reminders.Grains.Schedules;
using Reminders.Grains.Users;

namespace Reminders.Domain.Tests.State;

/// <summary>
/// Grain state is stored as the Orleans binary serializer writes it (the ADO.NET provider's payloadbinary, through
/// OrleansGrainStorageSerializer). Each file under <c>State/Golden</c> is a state as one release wrote it; the current
/// code must read every one of them back whole, so a change that orphans stored rows (a renamed alias, a reused or
/// retyped [Id]) fails here. To capture the current release's bytes, run this class with
/// <c>REMINDERS_WRITE_STATE_GOLDEN=&lt;commit&gt;</c>: it writes <c>&lt;State&gt;.&lt;commit&gt;.hex</c> for both states.
/// </summary>
public sealed class StateCompatibilityTests
{
    private const string WriteVariable = "REMINDERS_WRITE_STATE_GOLDEN";

    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(builder => builder.AddAssembly(typeof(UserState).Assembly).AddAssembly(typeof(UserDefinition).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    [Fact]
    public void GoldenFiles_ExistForBothStates()
    {
        var files = GoldenFiles().Select(Path.GetFileName).ToList();
        Assert.Contains(files, f => f!.StartsWith(nameof(UserState) + ".", StringComparison.Ordinal));
        Assert.Contains(files, f => f!.StartsWith(nameof(ScheduleState) + ".", StringComparison.Ordinal));
    }

    [Fact]
    public void UserStateWrittenByEachRelease_ReadsWholeWithTheCurrentCode()
    {
        foreach (var file in GoldenFiles(nameof(UserState)))
        {
            AssertSameUser(StateSamples.User(), Serializer.Deserialize<UserState>(Read(file)));
        }
    }

    [Fact]
    public void ScheduleStateWrittenByEachRelease_ReadsWholeWithTheCurrentCode()
    {
        foreach (var file in GoldenFiles(nameof(ScheduleState)))
        {
            AssertSameSchedule(StateSamples.Schedule(), Serializer.Deserialize<ScheduleState>(Read(file)));
        }
    }

    [Fact]
    public void CurrentStates_RoundTripThroughTheStorageSerializer()
    {
        var user = Serializer.SerializeToArray(StateSamples.User());
        var schedule = Serializer.SerializeToArray(StateSamples.Schedule());
        if (Environment.GetEnvironmentVariable(WriteVariable) is { Length: > 0 } release)
        {
            File.WriteAllText(Path.Combine(GoldenFolder(), $"{nameof(UserState)}.{release}.hex"), Convert.ToHexStringLower(user) + "\n");
            File.WriteAllText(Path.Combine(GoldenFolder(), $"{nameof(ScheduleState)}.{release}.hex"), Convert.ToHexStringLower(schedule) + "\n");
        }

        AssertSameUser(StateSamples.User(), Serializer.Deserialize<UserState>(user));
        AssertSameSchedule(StateSamples.Schedule(), Serializer.Deserialize<ScheduleState>(schedule));
    }

    private static void AssertSameUser(UserState expected, UserState? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Definition, actual.Definition); // a record of plain values: equality is field by field
        Assert.Equal((expected.Version, expected.Cursor, expected.ChangeTrace, expected.ComputedWith), (actual.Version, actual.Cursor, actual.ChangeTrace, actual.ComputedWith));
        Assert.Null(actual.Legacy);
    }

    private static void AssertSameSchedule(ScheduleState expected, ScheduleState? actual)
    {
        Assert.NotNull(actual);
        var (e, a) = (expected.Definition!, Assert.IsType<Grains.Interfaces.Schedules.ScheduleDefinition>(actual.Definition));
        Assert.Equal((e.Kind, e.TimeZone, e.Start, e.Rule, e.Message, e.WebhookUrl, e.Policy), (a.Kind, a.TimeZone, a.Start, a.Rule, a.Message, a.WebhookUrl, a.Policy));
        Assert.Equal(e.ExDates, a.ExDates);
        Assert.Equal(e.RDates, a.RDates);
        Assert.Equal(e.Recipient.OrderBy(p => p.Key, StringComparer.Ordinal), a.Recipient.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal((expected.Version, expected.Paused, expected.Cursor, expected.ChangeTrace, expected.ComputedWith), (actual.Version, actual.Paused, actual.Cursor, actual.ChangeTrace, actual.ComputedWith));
        Assert.Null(actual.Legacy);
    }

    private static byte[] Read(string file) => Convert.FromHexString(File.ReadAllText(file).Trim());

    private static IEnumerable<string> GoldenFiles(string state = "") =>
        Directory.GetFiles(GoldenFolder(), state + "*.hex").Where(f => state.Length == 0 || Path.GetFileName(f).StartsWith(state + ".", StringComparison.Ordinal)).Order(StringComparer.Ordinal);

    // The source folder, not the build output: the generator writes there, and the files are read where they are kept.
    private static string GoldenFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Reminders.sln")))
            {
                return Path.Combine(directory.FullName, "tests", "Reminders.Domain.Tests", "State", "Golden");
            }
        }

        throw new InvalidOperationException("Reminders.sln not found above " + AppContext.BaseDirectory);
    }
}
