using System.Net.Http.Json;
using Microsoft.Extensions.Time.Testing;
using Reminders.Testing;

namespace Reminders.Api.Tests;

/// <summary>One running API host per test class, with its database, receiver and clock.</summary>
public class ApiFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-12-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    public FakeTimeProvider Clock { get; } = new(Start);

    public PostgresDatabase Database { get; private set; } = null!;

    public WebhookReceiver Receiver { get; private set; } = null!;

    public ApiFactory Factory { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await PostgresDatabase.CreateAsync(migrate: false); // the host migrates, as in production
        Receiver = await WebhookReceiver.StartAsync(Clock);
        Factory = CreateFactory();
        Client = Factory.CreateClient();
        await Eventually.HoldsAsync(async () => (await Client.GetAsync("/health/ready")).IsSuccessStatusCode, "the API is ready");
    }

    /// <summary>The host under test; by default delivering to <see cref="Receiver"/>.</summary>
    protected virtual ApiFactory CreateFactory() => new(Database, Clock, Receiver.Url);

    /// <summary>
    /// Nudges the service clock a second at a time until <paramref name="condition"/> holds: a tick due "now"
    /// can land a moment after the clock stopped. Fails after two minutes of service time.
    /// </summary>
    public async Task AdvanceUntilAsync(Func<Task<bool>> condition)
    {
        for (var nudge = 0; nudge < 120; nudge++)
        {
            if (await Eventually.HoldsWithinAsync(condition, TimeSpan.FromMilliseconds(250)))
            {
                return;
            }

            Clock.Advance(TimeSpan.FromSeconds(1));
        }

        throw new TimeoutException("The condition did not hold within two minutes of service time.");
    }

    public Task AdvanceUntilAsync(Func<bool> condition) => AdvanceUntilAsync(() => Task.FromResult(condition()));

    /// <summary>A one-shot schedule body due a minute after the service clock's now, optionally to a client's webhookUrl.</summary>
    public object OneShot(string id, object? webhookUrl) => new
    {
        id,
        kind = "custom",
        timezone = "UTC",
        start = Clock.GetUtcNow().AddMinutes(1).ToString("yyyy-MM-dd'T'HH:mm:00", System.Globalization.CultureInfo.InvariantCulture),
        recipient = new { firstName = "Ada" },
        message = "Hi {firstName}",
        webhookUrl = webhookUrl?.ToString(),
    };

    /// <summary>Moves the clock past a one-shot's minute and waits for its occurrence to be delivered or dead-lettered.</summary>
    public async Task<System.Text.Json.JsonElement> ClosedOccurrenceAsync(string scheduleId)
    {
        System.Text.Json.JsonElement? closed = null;
        Clock.Advance(TimeSpan.FromMinutes(1));
        await AdvanceUntilAsync(async () =>
        {
            var items = (await Json.ReadAsync(await Client.GetAsync($"/api/v1/schedules/{scheduleId}/occurrences"))).GetProperty("items");
            closed = items.GetArrayLength() > 0 && items[0].GetProperty("status").GetString() is "delivered" or "deadLettered" ? items[0] : null;
            return closed is not null;
        });
        return closed!.Value;
    }

    public Task<HttpResponseMessage> CreateAsync(object body) => Client.PostAsJsonAsync("/api/v1/users", body);

    /// <summary>How many grain-state and reminder rows this host has written.</summary>
    public async Task<long> StoredRowsAsync() =>
        await Database.ScalarAsync<long>("SELECT count(*) FROM orleansstorage WHERE serviceid = @s", ("s", Factory.ServiceId))
        + await Database.ScalarAsync<long>("SELECT count(*) FROM orleansreminderstable WHERE serviceid = @s", ("s", Factory.ServiceId));

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        await Receiver.DisposeAsync();
        await Database.DisposeAsync();
    }
}
