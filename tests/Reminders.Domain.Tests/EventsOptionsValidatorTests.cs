using Reminders.Grains.Scheduling;

namespace Reminders.Domain.Tests;

/// <summary>Startup validation of the configured event kinds: a bad time or template stops the host.</summary>
public sealed class EventsOptionsValidatorTests
{
    private readonly EventsOptionsValidator _validator = new();

    [Fact]
    public void Validate_Defaults_Succeeds() =>
        Assert.True(_validator.Validate(null, new EventsOptions()).Succeeded);

    [Theory]
    [InlineData("00:00")]
    [InlineData("07:30")]
    [InlineData("23:59")]
    public void Validate_LocalTimeHHmm_Succeeds(string localTime)
    {
        var options = new EventsOptions();
        options.Birthday.LocalTime = localTime;

        Assert.True(_validator.Validate(null, options).Succeeded);
        Assert.Equal(localTime, options.Birthday.TimeOfDay.ToString("HH:mm", null));
    }

    [Theory]
    [InlineData("9:00")]
    [InlineData("24:00")]
    [InlineData("09:60")]
    [InlineData("09:00:00")]
    [InlineData("0900")]
    [InlineData("9am")]
    public void Validate_LocalTimeNotHHmm_FailsNamingTheKind(string localTime)
    {
        var options = new EventsOptions();
        options.Anniversary.LocalTime = localTime;

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal(["Reminders:Events:Anniversary: LocalTime must be HH:mm (00:00-23:59)."], result.Failures);
    }

    [Fact]
    public void Validate_TemplateWithUnknownPlaceholder_FailsNamingThePlaceholder()
    {
        var options = new EventsOptions();
        options.Birthday.Template = "Happy birthday, {nickname} ({email})";

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith("Reminders:Events:Birthday:Template uses {nickname};", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TemplateWithEscapedBraces_Succeeds()
    {
        var options = new EventsOptions();
        options.Birthday.Template = "{{nickname}} is literal, {firstName} is not";

        Assert.True(_validator.Validate(null, options).Succeeded);
    }

    [Fact]
    public void Validate_EmptyTemplate_Fails()
    {
        var options = new EventsOptions();
        options.Anniversary.Template = "";

        var failure = Assert.Single(_validator.Validate(null, options).Failures!);
        Assert.StartsWith("Reminders:Events:Anniversary: ", failure, StringComparison.Ordinal);
    }
}
