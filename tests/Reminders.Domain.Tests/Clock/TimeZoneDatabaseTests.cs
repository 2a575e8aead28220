using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NodaTime;
using Reminders.Grains.Clock;
using Reminders.Grains.Entities;
using Reminders.Grains.Hosting;
using Reminders.Grains.Interfaces.Users;
using Reminders.Grains.Scheduling;
using Reminders.Grains.Users;

namespace Reminders.Domain.Tests.Clock;

/// <summary>Loading a zone database from <c>Reminders:Time:TzdbPath</c>, refusing one that cannot be used, and what an entity's trigger is computed with.</summary>
public sealed class TimeZoneDatabaseTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("reminders-tzdb-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Load_NoPath_IsTheBuiltInDatabase()
    {
        var options = new TimeZoneOptions();

        Assert.Null(TimeZoneDatabase.Problem(options));
        Assert.Same(DateTimeZoneProviders.Tzdb, TimeZoneDatabase.Load(options));
        Assert.Equal(TimeZoneDatabase.BuiltIn, TimeZoneDatabase.SourceOf(options));
    }

    [Fact]
    public void Load_AnNzdFile_UsesItsVersionAndZones()
    {
        // NodaTime's own database, as the file an operator would drop in: the same bytes NodaTime embeds.
        var path = Path.Combine(_directory, "tzdb.nzd");
        using (var resource = typeof(DateTimeZoneProviders).Assembly.GetManifestResourceStream("NodaTime.TimeZones.Tzdb.nzd")!)
        using (var file = File.Create(path))
        {
            resource.CopyTo(file);
        }

        var options = new TimeZoneOptions { TzdbPath = path };
        var zones = TimeZoneDatabase.Load(options);

        Assert.Null(TimeZoneDatabase.Problem(options));
        Assert.NotSame(DateTimeZoneProviders.Tzdb, zones);
        Assert.Equal(DateTimeZoneProviders.Tzdb.VersionId, zones.VersionId);
        Assert.Equal(Offset.FromHours(11), zones["Australia/Melbourne"].GetUtcOffset(Instant.FromUtc(2026, 1, 1, 0, 0)));
        Assert.Equal(path, TimeZoneDatabase.SourceOf(options));
    }

    [Fact]
    public void Validate_MissingFile_FailsNamingTheKeyAndPath()
    {
        var path = Path.Combine(_directory, "missing.nzd");

        var result = new TimeZoneOptionsValidator().Validate(null, new TimeZoneOptions { TzdbPath = path });

        Assert.True(result.Failed);
        Assert.Equal($"Reminders:Time:TzdbPath '{path}' does not exist; it must name a NodaTime .nzd zone database file.", result.FailureMessage);
    }

    [Fact]
    public void Validate_FileThatIsNotAZoneDatabase_FailsNamingTheKey()
    {
        var path = Path.Combine(_directory, "tzdata.zi");
        File.WriteAllText(path, "# not a NodaTime database\nZ Europe/London 0 - GMT\n");

        var result = new TimeZoneOptionsValidator().Validate(null, new TimeZoneOptions { TzdbPath = path });

        Assert.True(result.Failed);
        Assert.StartsWith($"Reminders:Time:TzdbPath '{path}' is not a readable NodaTime .nzd zone database", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Registration_BadTzdbPath_RefusesTheOptionsAndTheZoneProvider()
    {
        var path = Path.Combine(_directory, "missing.nzd");
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Reminders:Time:TzdbPath"] = path })
            .Build();
        using var services = new ServiceCollection().AddRemindersGrains(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IDateTimeZoneProvider>());
        Assert.Contains("Reminders:Time:TzdbPath", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EmptyPath_Fails()
    {
        var result = new TimeZoneOptionsValidator().Validate(null, new TimeZoneOptions { TzdbPath = " " });

        Assert.True(result.Failed);
    }

    [Fact]
    public void TriggerFingerprint_NamesTheZoneDatabaseAndChangesWithTheKindLocalTime()
    {
        var events = new EventsOptions();
        var user = new UserDefinition("Ada", "Lovelace", "ada@example.com", new LocalDate(1990, 12, 10), null, "Europe/London");
        string Of(EventsOptions e, IDateTimeZoneProvider zones) =>
            TriggerFingerprint.Of(new UserSchedule(Options.Create(e), zones).SeriesFor("ada", user), e);

        var original = Of(events, DateTimeZoneProviders.Tzdb);
        var again = Of(events, DateTimeZoneProviders.Tzdb);
        events.Birthday.LocalTime = "07:30";
        var otherTime = Of(events, DateTimeZoneProviders.Tzdb);

        Assert.Equal(original, again);
        Assert.StartsWith(DateTimeZoneProviders.Tzdb.VersionId + "; ", original, StringComparison.Ordinal);
        Assert.NotEqual(original, otherTime);
    }
}
