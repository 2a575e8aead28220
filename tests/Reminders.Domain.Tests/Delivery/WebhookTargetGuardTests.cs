using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Reminders.Grains.Delivery;
using Reminders.Testing;

namespace Reminders.Domain.Tests.Delivery;

/// <summary>The guard at validation (lenient about names that do not resolve) and at connect (strict), with a staged resolver.</summary>
public sealed class WebhookTargetGuardTests
{
    private readonly StagedHostResolver _resolver = new();

    [Fact]
    public async Task ProblemAsync_NameResolvingToLoopback_NamesTheAddress()
    {
        _resolver.Stage("sneaky.example", ["127.0.0.1"]);

        var problem = await Guard().ProblemAsync(new Uri("https://sneaky.example/hook"), CancellationToken.None);

        Assert.Equal("must not point at a private or internal address: sneaky.example resolves to 127.0.0.1, a loopback address.", problem);
    }

    [Fact]
    public async Task ProblemAsync_NameWithOneForbiddenAddressAmongPublicOnes_IsRefused()
    {
        _resolver.Stage("mixed.example", ["93.184.216.34", "10.0.0.7"]);

        Assert.Contains("10.0.0.7, a private address", await Guard().ProblemAsync(new Uri("https://mixed.example/"), CancellationToken.None), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProblemAsync_NameThatDoesNotResolve_IsAcceptedForTheConnectTimeCheck() =>
        Assert.Null(await Guard().ProblemAsync(new Uri("https://not-in-dns.example/hook"), CancellationToken.None));

    [Fact]
    public async Task ProblemAsync_ResolverThatHangs_GivesUpAfterTheTimeoutAndAccepts()
    {
        var guard = new WebhookTargetGuard(new FixedOptions(new DeliveryOptions()), new HangingResolver());

        Assert.Null(await guard.ProblemAsync(new Uri("https://slow.example/hook"), CancellationToken.None));
    }

    [Fact]
    public async Task ProblemAsync_PrivateTargetsAllowed_DoesNotResolve()
    {
        _resolver.Stage("internal.example", ["10.0.0.1"]);

        Assert.Null(await Guard(new DeliveryOptions { AllowPrivateTargets = true }).ProblemAsync(new Uri("http://internal.example/"), CancellationToken.None));
        Assert.Empty(_resolver.Asked);
    }

    [Theory]
    [InlineData("http://127.0.0.1/")]
    [InlineData("http://[::1]/")]
    [InlineData("http://2130706433/")]
    public void ProblemBeforeResolving_ForbiddenLiteral_IsRefusedWithoutAskingDns(string url)
    {
        Assert.StartsWith("must not point at a private or internal address: ", Guard().ProblemBeforeResolving(new Uri(url)), StringComparison.Ordinal);
        Assert.Empty(_resolver.Asked);
    }

    [Fact]
    public async Task AddressesToConnectAsync_NameRebindingToLoopback_IsRefusedAtConnect()
    {
        _resolver.Stage("rebind.example", ["93.184.216.34"], ["127.0.0.1"]);
        var guard = Guard();

        Assert.Null(await guard.ProblemAsync(new Uri("http://rebind.example/"), CancellationToken.None));
        var refused = await Assert.ThrowsAsync<TargetRefusedException>(() => guard.AddressesToConnectAsync("rebind.example", CancellationToken.None));

        Assert.StartsWith("target address 127.0.0.1 is not allowed (a loopback address, resolved from rebind.example)", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddressesToConnectAsync_PublicName_ReturnsTheCheckedAddresses()
    {
        _resolver.Stage("hooks.example.com", ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"]);

        var addresses = await Guard().AddressesToConnectAsync("hooks.example.com", CancellationToken.None);

        Assert.Equal([IPAddress.Parse("93.184.216.34"), IPAddress.Parse("2606:2800:220:1:248:1893:25c8:1946")], addresses);
    }

    [Fact]
    public async Task AddressesToConnectAsync_PrivateTargetsAllowed_ReturnsLoopback() =>
        Assert.Equal([IPAddress.Loopback], await Guard(new DeliveryOptions { AllowPrivateTargets = true }).AddressesToConnectAsync("127.0.0.1", CancellationToken.None));

    [Fact]
    public async Task AddressesToConnectAsync_HostNotListed_IsRefusedEvenWhenPrivateTargetsAreAllowed()
    {
        var guard = Guard(new DeliveryOptions { AllowPrivateTargets = true, AllowedTargetHosts = ["hooks.example.com", "*.example.net"] });

        var refused = await Assert.ThrowsAsync<TargetRefusedException>(() => guard.AddressesToConnectAsync("127.0.0.1", CancellationToken.None));

        Assert.Equal("target host 127.0.0.1 is not allowed: it is not in Reminders:Delivery:AllowedTargetHosts", refused.Message);
        Assert.Null(guard.ProblemBeforeResolving(new Uri("https://a.b.example.net/")));
        Assert.Equal("host other.example.com is not one of the allowed target hosts.", guard.ProblemBeforeResolving(new Uri("https://other.example.com/")));
    }

    [Fact]
    public async Task AddressesToConnectAsync_NameThatDoesNotResolve_FailsAsAConnectionError() =>
        await Assert.ThrowsAsync<SocketException>(() => Guard().AddressesToConnectAsync("not-in-dns.example", CancellationToken.None));

    private WebhookTargetGuard Guard(DeliveryOptions? options = null) => new(new FixedOptions(options ?? new DeliveryOptions()), _resolver);

    private sealed class FixedOptions(DeliveryOptions value) : IOptionsMonitor<DeliveryOptions>
    {
        public DeliveryOptions CurrentValue => value;

        public DeliveryOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<DeliveryOptions, string?> listener) => null;
    }

    private sealed class HangingResolver : ITargetHostResolver
    {
        public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
            Task.Delay(Timeout.Infinite, cancellationToken).ContinueWith(_ => Array.Empty<IPAddress>(), TaskScheduler.Default);
    }
}
