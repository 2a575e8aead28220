using Microsoft.Extensions.DependencyInjection;
using Reminders.Grains.Delivery;
using Reminders.Testing;

namespace Reminders.Api.Tests;

/// <summary>
/// A host with the production rule for clients' webhook targets (AllowPrivateTargets off), names resolved by a
/// <see cref="StagedHostResolver"/>, and the operator's default target on the loopback <see cref="ApiFixture.Receiver"/>.
/// </summary>
public class GuardedTargetsFixture : ApiFixture
{
    public StagedHostResolver Resolver { get; } = new();

    /// <summary>Settings on top of the rule being on.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    protected override ApiFactory CreateFactory()
    {
        Resolver.Stage("localhost", ["127.0.0.1", "::1"]);
        Resolver.Stage("metadata.test", ["169.254.169.254"]);
        var settings = new Dictionary<string, string>(Settings) { ["Reminders:Delivery:AllowPrivateTargets"] = "false" };
        return new(Database, Clock, Receiver.Url, settings, services: s => s.AddSingleton<ITargetHostResolver>(Resolver));
    }
}

/// <summary>The same, with client targets restricted to <c>hooks.example.com</c> and hosts below <c>example.net</c>.</summary>
public sealed class AllowedHostsFixture : GuardedTargetsFixture
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Reminders:Delivery:AllowedTargetHosts:0"] = "hooks.example.com",
        ["Reminders:Delivery:AllowedTargetHosts:1"] = "*.example.net",
    };
}
