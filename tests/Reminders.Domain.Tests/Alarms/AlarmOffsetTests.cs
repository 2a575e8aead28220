using NodaTime;
using Reminders.Grains.Scheduling;

namespace Reminders.Domain.Tests.Alarms;

/// <summary>Alarm offsets: RFC 5545 durations of days or of time, normalised as their keys name them; anything else refused.</summary>
public sealed class AlarmOffsetTests
{
    public static TheoryData<string, string, int, long> Accepted => new()
    {
        // written, normalised, calendar days, elapsed seconds
        { "-P1D", "-P1D", -1, 0 },
        { "P2D", "P2D", 2, 0 },
        { "-P1W", "-P7D", -7, 0 },
        { "+PT15M", "PT15M", 0, 900 },
        { "-PT90M", "-PT1H30M", 0, -5_400 },
        { "-PT24H", "-PT24H", 0, -86_400 },
        { "-PT3600S", "-PT1H", 0, -3_600 },
        { "PT1H0M5S", "PT1H5S", 0, 3_605 },
        { "-P366D", "-P366D", -366, 0 },
        { "PT8784H", "PT8784H", 0, 31_622_400 },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void TryParse_ARfc5545DurationOfDaysOrOfTime_IsNormalised(string written, string normalised, int days, long seconds)
    {
        Assert.True(AlarmOffset.TryParse(written, out var offset, out var error), error);

        Assert.Equal((normalised, days, Duration.FromSeconds(seconds), days != 0), (offset!.Text, offset.Days, offset.Elapsed, offset.IsCalendar));
    }

    [Theory]
    [InlineData("-P1DT1H")]
    [InlineData("P1M")]
    [InlineData("P1Y")]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("-P1D ")]
    [InlineData("-P1D\n")]
    [InlineData("p1d")]
    [InlineData("P-1D")]
    [InlineData("-PT1.5H")]
    [InlineData("-PT0S")]
    [InlineData("P0D")]
    [InlineData("P0W")]
    [InlineData("-P367D")]
    [InlineData("-P53W")]
    [InlineData("PT8785H")]
    [InlineData("PT999999999999S")]
    public void TryParse_AnythingElse_IsRefusedWithAReason(string written)
    {
        Assert.False(AlarmOffset.TryParse(written, out var offset, out var error));

        Assert.Null(offset);
        Assert.NotEmpty(error);
    }
}
