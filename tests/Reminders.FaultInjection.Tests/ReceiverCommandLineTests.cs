namespace Reminders.FaultInjection.Tests;

/// <summary>The demo program's options: the README's example, both spellings, durations, and errors that name the option.</summary>
public sealed class ReceiverCommandLineTests
{
    [Fact]
    public void Parse_TheReadmeExample_GivesThatProfile()
    {
        var command = ReceiverCommandLine.Parse(
            ["--port", "5099", "--errors", "0.1", "--hangs", "0.05", "--slow", "0.05", "--slow-delay", "2s", "--throttle", "0.05",
             "--retry-after", "5", "--hang", "60s", "--seed", "42"]);

        Assert.Equal(
            new ReceiverCommandLine(5099, new FaultProfile
            {
                ErrorShare = 0.1, HangShare = 0.05, SlowShare = 0.05, SlowDelay = TimeSpan.FromSeconds(2), ThrottleShare = 0.05,
                RetryAfterSeconds = 5, HangDuration = TimeSpan.FromSeconds(60), Seed = 42,
            }),
            command);
    }

    [Fact]
    public void Parse_Nothing_IsAFaultlessReceiverOnTheDefaultPort() =>
        Assert.Equal(new ReceiverCommandLine(ReceiverCommandLine.DefaultPort, new FaultProfile()), ReceiverCommandLine.Parse([]));

    [Fact]
    public void Parse_NameEqualsValue_IsAccepted() =>
        Assert.Equal(
            new ReceiverCommandLine(0, new FaultProfile { ErrorShare = 0.25, DuplicateStatus = 409 }),
            ReceiverCommandLine.Parse(["--port=0", "--errors=0.25", "--duplicate-status=409"]));

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public void Parse_Help_AsksForHelp(string flag) => Assert.True(ReceiverCommandLine.Parse(["--errors", "0.1", flag]).ShowHelp);

    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("2s", 2_000)]
    [InlineData("1.5m", 90_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("90", 90_000)]
    [InlineData("0.25", 250)]
    public void Duration_Spellings_ReadAsSaid(string value, int milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), ReceiverCommandLine.Duration("--hang", value));

    [Theory]
    [InlineData(new[] { "--verbose" }, "Unknown option '--verbose'")]
    [InlineData(new[] { "--errors" }, "--errors needs a value")]
    [InlineData(new[] { "--errors", "--hangs", "0.1" }, "--errors needs a value")]
    [InlineData(new[] { "--errors", "10%" }, "--errors takes a share between 0 and 1, such as 0.1, not '10%'")]
    [InlineData(new[] { "--hangs", "1.5" }, "--hangs takes a share between 0 and 1")]
    [InlineData(new[] { "--hang", "soon" }, "--hang takes a duration such as 500ms, 2s, 1.5m or 1h, not 'soon'")]
    [InlineData(new[] { "--slow-delay", "-2s" }, "--slow-delay takes a duration")]
    [InlineData(new[] { "--port", "70000" }, "--port takes a whole number from 0 to 65535, not '70000'")]
    [InlineData(new[] { "--retry-after", "1.5" }, "--retry-after takes a whole number from 0 to 86400")]
    [InlineData(new[] { "--duplicate-status", "100" }, "--duplicate-status takes a whole number from 200 to 599")]
    [InlineData(new[] { "--errors", "0.6", "--throttle", "0.6" }, "the shares sum to 1.2, more than 1")]
    [InlineData(new[] { "--hang", "0s" }, "HangDuration must be above zero")]
    [InlineData(new[] { "5099" }, "Unexpected argument '5099': options start with --")]
    public void Parse_BadArguments_ThrowsNamingTheOption(string[] args, string message)
    {
        var error = Assert.Throws<FormatException>(() => ReceiverCommandLine.Parse(args));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
