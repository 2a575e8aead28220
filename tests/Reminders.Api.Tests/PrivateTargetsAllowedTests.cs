using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Reminders.Testing;

namespace Reminders.Api.Tests;

/// <summary>
/// With <c>AllowPrivateTargets</c> (the test default, for development), a client's loopback webhookUrl is delivered;
/// a redirect is still an answer, never followed.
/// </summary>
public sealed class PrivateTargetsAllowedTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task A_clients_loopback_webhookUrl_is_delivered()
    {
        await using var own = await WebhookReceiver.StartAsync(api.Clock);

        Assert.Equal(HttpStatusCode.Created, (await api.Client.PostAsJsonAsync("/api/v1/schedules", api.OneShot("own-loopback", own.Url))).StatusCode);
        var occurrence = await api.ClosedOccurrenceAsync("own-loopback");

        Assert.Equal("delivered", occurrence.GetProperty("status").GetString());
        Assert.Equal(occurrence.GetProperty("key").GetString(), Assert.Single(own.Accepted).IdempotencyKey);
    }

    [Fact]
    public async Task A_redirect_is_not_followed_and_dead_letters_as_permanent()
    {
        await using var destination = await WebhookReceiver.StartAsync(api.Clock);
        await using var redirector = await RedirectorAsync(destination.Url);

        Assert.Equal(HttpStatusCode.Created, (await api.Client.PostAsJsonAsync("/api/v1/schedules", api.OneShot("redirected", redirector.Url))).StatusCode);
        var occurrence = await api.ClosedOccurrenceAsync("redirected");

        Assert.Equal(("deadLettered", "permanentFailure", 307), (occurrence.GetProperty("status").GetString(), occurrence.GetProperty("reason").GetString(), occurrence.GetProperty("lastStatusCode").GetInt32()));
        Assert.Equal(1, redirector.Requests);
        Assert.Empty(destination.Received);
    }

    /// <summary>A loopback server that answers every POST with a 307 (method-preserving) redirect to <paramref name="location"/>.</summary>
    private static async Task<Redirector> RedirectorAsync(Uri location)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseSetting("urls", "http://127.0.0.1:0");
        var app = builder.Build();
        var redirector = new Redirector(app);
        app.MapPost("/webhook", () =>
        {
            redirector.Count();
            return Results.Redirect(location.ToString(), permanent: false, preserveMethod: true);
        });
        await app.StartAsync();
        redirector.Url = new Uri(new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()), "/webhook");
        return redirector;
    }

    private sealed class Redirector(WebApplication app) : IAsyncDisposable
    {
        private int _requests;

        public Uri Url { get; set; } = null!;

        public int Requests => Volatile.Read(ref _requests);

        public void Count() => Interlocked.Increment(ref _requests);

        public ValueTask DisposeAsync() => app.DisposeAsync();
    }
}
