using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Reminders.Grains.Delivery;
using Reminders.Testing;

namespace Reminders.Domain.Tests.Delivery;

/// <summary>
/// Standard Webhooks signatures: the spec's published vector, vectors computed independently (Python's hmac and
/// base64), rotation, the service clock, and the README's receiver recipe accepting them and refusing tampering.
/// </summary>
public sealed class WebhookSignerTests
{
    // Computed with: key = base64.b64decode(secret[6:]);
    // "v1," + base64.b64encode(hmac.new(key, f"{id}.{ts}.".encode() + body, hashlib.sha256).digest()).decode()
    private const string OldSecret = "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="; // bytes 0..31
    private const string NewSecret = "whsec_ZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXp7"; // bytes 100..123, the 24-byte minimum
    private const string Key = "user:ada:birthday:2026";
    private const string OldSignature = "v1,YzweFPSR8FsxRSoAP6+r3tsJk5B3QeI/WNoXHFcnDsY=";
    private const string NewSignature = "v1,m5UNE8ZtnCmbbqPajM31uNlJWGt1bUyXsvHGinE78aY=";

    private static readonly DateTimeOffset Due = DateTimeOffset.FromUnixTimeSeconds(1796893200); // 2026-12-10T09:00:00Z

    private static readonly byte[] Body =
        """{"email":"ada@example.com","message":"Hey, Ada Lovelace it's your birthday","key":"user:ada:birthday:2026","kind":"birthday","recipient":{"firstName":"Ada"},"localTime":"2026-12-10T09:00:00","dueUtc":"2026-12-10T09:00:00Z"}"""u8.ToArray();

    private static WebhookSigner Signer(TimeProvider clock, params string[] secrets) =>
        new(Options.Create(new DeliveryOptions { SigningSecrets = secrets }), clock);

    [Fact]
    public void Sign_StandardWebhooksPublishedVector_MatchesTheSpec()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1614265330));

        var signature = Signer(clock, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
            .Sign("msg_p5jXN8AQM9LWM0D4loKWxJek", """{"test": 2432232314}"""u8);

        Assert.Equal(
            new WebhookSignature("msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="),
            signature);
    }

    [Fact]
    public void Sign_OccurrenceBody_MatchesAnIndependentlyComputedVector() =>
        Assert.Equal(new WebhookSignature(Key, "1796893200", OldSignature), Signer(new FakeTimeProvider(Due), OldSecret).Sign(Key, Body));

    [Fact]
    public void Sign_TwoSecrets_SendsBothSignaturesSpaceSeparatedInConfiguredOrder() =>
        Assert.Equal($"{OldSignature} {NewSignature}", Signer(new FakeTimeProvider(Due), OldSecret, NewSecret).Sign(Key, Body)!.Signature);

    [Fact]
    public void Sign_NoSecret_ReturnsNullSoTheRequestGoesUnsigned()
    {
        var signer = Signer(new FakeTimeProvider(Due));

        Assert.Equal(0, signer.SecretCount);
        Assert.Null(signer.Sign(Key, Body));
    }

    [Fact]
    public void Sign_TimestampIsTheServiceClockAtEachAttempt_WholeSeconds()
    {
        var clock = new FakeTimeProvider(Due + TimeSpan.FromMilliseconds(999));
        var signer = Signer(clock, OldSecret);

        var first = signer.Sign(Key, Body)!;
        clock.Advance(TimeSpan.FromSeconds(10));
        var retry = signer.Sign(Key, Body)!;

        Assert.Equal(("1796893200", OldSignature), (first.Timestamp, first.Signature));
        Assert.Equal("1796893210", retry.Timestamp);
        Assert.NotEqual(first.Signature, retry.Signature);
    }

    [Theory]
    [InlineData(OldSecret)]
    [InlineData(NewSecret)]
    public void Verify_DuringRotation_AReceiverHoldingEitherSecretAccepts(string receiverSecret)
    {
        var signature = Signer(new FakeTimeProvider(Due), OldSecret, NewSecret).Sign(Key, Body)!;

        Assert.True(StandardWebhooksVerifier.Verify(receiverSecret, signature.Id, signature.Timestamp, signature.Signature, Body, Due));
    }

    [Fact]
    public void Verify_TamperedBody_Fails()
    {
        var signature = Signer(new FakeTimeProvider(Due), OldSecret).Sign(Key, Body)!;
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Body).Replace("Ada Lovelace", "Eve Lovelace", StringComparison.Ordinal));

        Assert.True(StandardWebhooksVerifier.Verify(OldSecret, Key, signature.Timestamp, signature.Signature, Body, Due));
        Assert.False(StandardWebhooksVerifier.Verify(OldSecret, Key, signature.Timestamp, signature.Signature, tampered, Due));
    }

    [Theory]
    [InlineData("user:ada:birthday:2027", "1796893200", OldSecret)] // another occurrence's id
    [InlineData(Key, "1796893201", OldSecret)] // a timestamp moved to replay it later
    [InlineData(Key, "1796893200", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")] // someone else's secret
    public void Verify_AnythingElseChanged_Fails(string id, string timestamp, string receiverSecret) =>
        Assert.False(StandardWebhooksVerifier.Verify(receiverSecret, id, timestamp, OldSignature, Body, Due));

    [Theory]
    [InlineData(300, true)]
    [InlineData(-300, true)]
    [InlineData(301, false)]
    [InlineData(-301, false)]
    public void Verify_TimestampOutsideFiveMinutesOfTheReceiversClock_Fails(int receiverClockAheadSeconds, bool accepted) =>
        Assert.Equal(accepted, StandardWebhooksVerifier.Verify(OldSecret, Key, "1796893200", OldSignature, Body, Due.AddSeconds(receiverClockAheadSeconds)));
}
