using System.Net;
using Reminders.Testing;

namespace Reminders.Api.Tests;

/// <summary>Through the real API host: concurrent identical creates, and what the receiver then gets.</summary>
public sealed class DeliveryApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task FiftyConcurrentIdenticalCreates_MakeOneUserAndOneDelivery()
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => api.CreateAsync(Json.Ada("herd-1"))));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(49, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(1L, await api.Database.ScalarAsync<long>(
            "SELECT count(*) FROM orleansstorage WHERE serviceid = @s", ("s", api.Factory.ServiceId)));

        // 2026-12-10 09:00+00:00 in London; the clock started at 2026-12-01.
        api.Clock.Advance(DateTimeOffset.Parse("2026-12-10T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture) - api.Clock.GetUtcNow());
        await api.AdvanceUntilAsync(() => api.Receiver.Received.Count > 0);

        // Safety-net ticks keep coming every minute; none of them may send again.
        for (var minute = 0; minute < 5; minute++)
        {
            api.Clock.Advance(TimeSpan.FromMinutes(1));
            Assert.False(await Eventually.HoldsWithinAsync(() => api.Receiver.Received.Count > 1, TimeSpan.FromMilliseconds(200)));
        }

        await Eventually.HoldsAsync(async () =>
            (await Json.ReadAsync(await api.Client.GetAsync("/api/v1/users/herd-1/occurrences"))).GetProperty("items")[0].GetProperty("status").GetString() == "delivered",
            "the delivery is recorded");
        var delivery = Assert.Single(api.Receiver.Received);
        Assert.Equal(("user:herd-1:birthday:2026", "Hey, Ada Lovelace it's your birthday"), (delivery.IdempotencyKey, delivery.Message));
        // No signing secret is configured here: the webhook-* headers are omitted, not sent empty.
        Assert.DoesNotContain(delivery.Headers.Keys, h => h.StartsWith("webhook-", StringComparison.OrdinalIgnoreCase));

        var occurrences = await Json.ReadAsync(await api.Client.GetAsync("/api/v1/users/herd-1/occurrences"));
        var occurrence = Assert.Single(occurrences.GetProperty("items").EnumerateArray());
        Assert.Equal(
            ("user:herd-1:birthday:2026", "birthday", "2026-12-10T09:00:00", "2026-12-10T09:00:00Z", "delivered", 1, false),
            (occurrence.GetProperty("key").GetString(), occurrence.GetProperty("kind").GetString(), occurrence.GetProperty("localTime").GetString(),
             occurrence.GetProperty("dueUtc").GetString(), occurrence.GetProperty("status").GetString(), occurrence.GetProperty("attempts").GetInt32(),
             occurrence.GetProperty("late").GetBoolean()));
        Assert.EndsWith("Z", occurrence.GetProperty("deliveredUtc").GetString());
    }
}
