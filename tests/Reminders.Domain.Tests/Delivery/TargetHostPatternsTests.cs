using Reminders.Grains.Delivery;

namespace Reminders.Domain.Tests.Delivery;

/// <summary>The allowed-host list: exact hosts, <c>*.</c> wildcards below a domain, and entries refused at startup.</summary>
public sealed class TargetHostPatternsTests
{
    [Theory]
    [InlineData("hooks.example.com", "hooks.example.com", true)]
    [InlineData("hooks.example.com", "HOOKS.Example.com", false)] // hosts arrive normalised; see Normalize
    [InlineData("HOOKS.example.com", "hooks.example.com", true)]
    [InlineData("hooks.example.com", "other.example.com", false)]
    [InlineData("hooks.example.com", "hooks.example.com.evil.net", false)]
    [InlineData("*.example.com", "a.example.com", true)]
    [InlineData("*.example.com", "a.b.example.com", true)]
    [InlineData("*.example.com", "example.com", false)]
    [InlineData("*.example.com", "badexample.com", false)]
    [InlineData("*.example.com", "example.com.evil.net", false)]
    [InlineData("93.184.216.34", "93.184.216.34", true)]
    [InlineData("*.bücher.example", "shop.xn--bcher-kva.example", true)]
    public void Matches_Pattern_MatchesAsDocumented(string pattern, string host, bool expected) =>
        Assert.Equal(expected, TargetHostPatterns.Matches(host, [pattern]));

    [Theory]
    [InlineData("Hooks.Example.COM.", "hooks.example.com")]
    [InlineData("[::1]", "::1")]
    public void Normalize_Host_LowerCaseWithoutBracketsOrTrailingDot(string host, string expected) =>
        Assert.Equal(expected, TargetHostPatterns.Normalize(host));

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("*.")]
    [InlineData("https://hooks.example.com")]
    [InlineData("hooks.example.com:443")]
    [InlineData("hooks.example.com/path")]
    [InlineData("*example.com")]
    [InlineData("a.*.example.com")]
    public void Validate_MalformedEntry_FailsNamingItsKey(string entry)
    {
        var result = new TargetHostsValidator().Validate(null, new DeliveryOptions { AllowedTargetHosts = ["hooks.example.com", entry] });

        Assert.StartsWith("Reminders:Delivery:AllowedTargetHosts:1 ", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_HostsAndWildcards_Succeeds() =>
        Assert.True(new TargetHostsValidator().Validate(null, new DeliveryOptions { AllowedTargetHosts = ["hooks.example.com", "*.example.net", "93.184.216.34"] }).Succeeded);
}
