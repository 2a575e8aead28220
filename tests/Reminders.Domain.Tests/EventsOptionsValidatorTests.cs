using Microsoft.Extensions.Configuration;
using Reminders.Grains.Delivery;
using Reminders.Grains.Interfaces.Schedules;
using Reminders.Grains.Scheduling;

namespace Reminders.Domain.Tests;

/// <summary>Startup validation of the configured event kinds: a bad time or template stops the host.</summary>
public sealed class EventsOptionsValidatorTests
{
    private readonly EventsOptionsValidator _validator = new([new NamedChannel("webhook")]);

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
        Assert.Equal(["Reminders:Events:anniversary: LocalTime must be HH:mm (00:00-23:59)."], result.Failures);
    }

    [Theory]
    [InlineData("00:00:00", false)]
    [InlineData("-00:01:00", false)]
    [InlineData("1.00:00:01", false)]
    [InlineData("00:00:01", true)]
    [InlineData("1.00:00:00", true)]
    public void Validate_Spread_MustBeMoreThanZeroAndAtMostADay(string spread, bool valid)
    {
        var options = new EventsOptions();
        options.Birthday.Spread = TimeSpan.Parse(spread, System.Globalization.CultureInfo.InvariantCulture);

        var result = _validator.Validate(null, options);

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.StartsWith("Reminders:Events:birthday:Spread must be more than zero", Assert.Single(result.Failures!), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Validate_TemplateWithUnknownPlaceholder_FailsNamingThePlaceholder()
    {
        var options = new EventsOptions();
        options.Birthday.Template = "Happy birthday, {nickname} ({email})";

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith("Reminders:Events:birthday:Template uses {nickname};", failure, StringComparison.Ordinal);
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
        Assert.StartsWith("Reminders:Events:anniversary:Template is required", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Setup_NewKindFromConfiguration_IsAddedWithItsValuesAndBuiltInKindsKeepTheirDefaults()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Reminders:Events:Meeting:Template"] = "{title} starts soon",
            ["Reminders:Events:Meeting:CatchUpWindow"] = "00:15:00",
            ["Reminders:Events:Meeting:Guarantee"] = "AtMostOnce",
            ["Reminders:Events:Birthday:LocalTime"] = "07:30",
        }).Build();
        var options = new EventsOptions();

        new EventsOptionsSetup(configuration).Configure(options);

        var meeting = options.For("meeting");
        Assert.Equal(("{title} starts soon", TimeSpan.FromMinutes(15), DeliveryGuarantee.AtMostOnce, InvalidDatePolicy.Omit), (meeting.Template, meeting.CatchUpWindow, meeting.Guarantee, meeting.InvalidDate));
        Assert.Equal(("07:30", "Hey, {firstName} {lastName} it's your birthday", InvalidDatePolicy.Backward), (options.Birthday.LocalTime, options.Birthday.Template, options.Birthday.InvalidDate));
        Assert.Equal("meeting", options.Find("MEETING"));
        Assert.True(_validator.Validate(null, options).Succeeded);
    }

    [Fact]
    public void Validate_UnknownChannel_FailsNamingTheRegisteredOnes()
    {
        var options = new EventsOptions();
        options.Kinds["sms"] = new EventKindOptions { Channel = "sms" };

        var failure = Assert.Single(_validator.Validate(null, options).Failures!);
        Assert.Equal("Reminders:Events:sms:Channel \"sms\" is not a registered channel (webhook).", failure);
    }

    [Theory]
    [InlineData("ftp://example.com/hook")]
    [InlineData("https://user:secret@example.com/hook")]
    public void Validate_WebhookUrlNotPlainHttp_Fails(string url)
    {
        var options = new EventsOptions();
        options.Kinds["meeting"] = new EventKindOptions { WebhookUrl = new Uri(url) };

        Assert.StartsWith("Reminders:Events:meeting:WebhookUrl must", Assert.Single(_validator.Validate(null, options).Failures!), StringComparison.Ordinal);
    }

    private sealed class NamedChannel(string name) : IDeliveryChannel
    {
        public string Name => name;

        public Task<DeliveryResult> SendAsync(DeliveryRequest request, CancellationToken cancellationToken) =>
            throw new NotSupportedException("Validation never sends.");
    }
}
