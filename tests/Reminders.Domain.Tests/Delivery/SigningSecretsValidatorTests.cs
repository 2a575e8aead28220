using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Reminders.Grains.Delivery;
using Reminders.Grains.Hosting;

namespace Reminders.Domain.Tests.Delivery;

/// <summary>Signing secrets at startup: bound from indexed keys, refused by key when malformed, never echoed.</summary>
public sealed class SigningSecretsValidatorTests
{
    private const string Valid = "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    private readonly SigningSecretsValidator _validator = new();

    [Fact]
    public void Validate_NoSecrets_Succeeds() =>
        Assert.True(_validator.Validate(null, new DeliveryOptions()).Succeeded);

    [Theory]
    [InlineData("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")] // 24 bytes
    [InlineData(Valid)] // 32 bytes
    public void Validate_WhsecAndAtLeast24Bytes_Succeeds(string secret) =>
        Assert.True(_validator.Validate(null, new DeliveryOptions { SigningSecrets = [secret] }).Succeeded);

    [Theory]
    [InlineData("")]
    [InlineData("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=")] // no prefix
    [InlineData("WHSEC_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=")] // the prefix is lower-case
    [InlineData("whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")] // 23 bytes
    [InlineData("whsec_not base64, but long enough to be 24 bytes!")]
    [InlineData("whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8")] // padding missing
    public void Validate_MalformedSecret_FailsNamingItsKeyWithoutEchoingIt(string secret)
    {
        var result = _validator.Validate(null, new DeliveryOptions { SigningSecrets = [Valid, secret] });

        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith("Reminders:Delivery:SigningSecrets:1 must be \"whsec_\" followed by the base64 of at least 24 random bytes", failure, StringComparison.Ordinal);
        Assert.DoesNotContain(Valid[6..], failure, StringComparison.Ordinal);
        if (secret.Length > 6)
        {
            Assert.DoesNotContain(secret[6..], failure, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Options_IndexedKeys_BindInOrderAndSign()
    {
        using var services = Services(new()
        {
            ["Reminders:Delivery:SigningSecrets:0"] = Valid,
            ["Reminders:Delivery:SigningSecrets:1"] = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        });

        Assert.Equal([Valid, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"], services.GetRequiredService<IOptions<DeliveryOptions>>().Value.SigningSecrets);
        Assert.Equal(2, services.GetRequiredService<WebhookSigner>().SecretCount);
    }

    [Fact]
    public void Options_MalformedSecret_StopsStartupNamingTheKey()
    {
        using var services = Services(new() { ["Reminders:Delivery:SigningSecrets:0"] = "whsec_short" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<DeliveryOptions>>().Value);
        Assert.StartsWith("Reminders:Delivery:SigningSecrets:0 must be", Assert.Single(error.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void Options_PlainValueInsteadOfAList_StopsStartupRatherThanSendingUnsigned()
    {
        // Reminders__Delivery__SigningSecrets=whsec_... binds nothing to a list.
        using var services = Services(new() { ["Reminders:Delivery:SigningSecrets"] = Valid });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<DeliveryOptions>>().Value);
        Assert.Equal(
            "Reminders:Delivery:SigningSecrets is a list: set SigningSecrets:0 (Reminders__Delivery__SigningSecrets__0), and :1 for a second secret.",
            Assert.Single(error.Failures));
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddRemindersGrains(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();
}
