using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using Reminders.Api.Security;

namespace Reminders.Api.Tests;

/// <summary>The key ring compares in constant time with every configured key, whichever matches.</summary>
public sealed class KeyRingTests
{
    [Theory]
    [InlineData("first-key", "first")]
    [InlineData("second-key", "second")]
    [InlineData("third-key", "third")]
    [InlineData("no-such-key", null)]
    public void Find_ComparesWithEveryConfiguredKey_MatchedOrNot(string presented, string? expected)
    {
        var comparisons = 0;
        var ring = Ring((left, right) =>
        {
            comparisons++;
            return left.SequenceEqual(right);
        });

        var found = ring.Find(presented);

        Assert.Equal(expected, found?.Name);
        Assert.Equal(3, comparisons);
    }

    [Fact]
    public void Find_ByDefault_UsesFixedTimeEquals()
    {
        var ring = Ring(equals: null);

        Assert.Equal("second", ring.Find("second-key")?.Name);
        Assert.Null(ring.Find("second-kez"));
    }

    [Fact]
    public void Scopes_Nest_AdminIncludesWriteIncludesRead()
    {
        var ring = Ring(equals: null);

        Assert.Equal(["read"], ring.Find("first-key")!.Scopes.Order());
        Assert.Equal(["read", "write"], ring.Find("second-key")!.Scopes.Order());
        Assert.Equal(["admin", "read", "write"], ring.Find("third-key")!.Scopes.Order());
    }

    private static ApiKeyRing Ring(HashComparison? equals) => new(
        Options.Create(new AuthOptions
        {
            Keys =
            [
                new ApiKeyOptions { Name = "first", Key = "first-key", Scopes = "read" },
                new ApiKeyOptions { Name = "second", Sha256 = SecuredApiFixture.Sha256Hex("second-key"), Scopes = "write" },
                new ApiKeyOptions { Name = "third", Key = "third-key", Scopes = "admin" },
            ],
        }),
        new HostingEnvironment { EnvironmentName = Environments.Production },
        equals);
}
