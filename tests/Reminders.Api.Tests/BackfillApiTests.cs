using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Reminders.Testing;

namespace Reminders.Api.Tests;

/// <summary>
/// <c>POST /api/v1/schedules/{id}/backfill</c> on the real host (a silo) with the fake clock and a loopback receiver:
/// occurrences that fell due before a schedule was created have no row, and a backfill delivers them once.
/// </summary>
public sealed class BackfillApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Backfill_OccurrencesBeforeCreation_AreDeliveredOnceOldestFirst_AndTheScheduleCarriesOn()
    {
        // Daily a minute from now, started six days ago: the five past days fell due before creation and have no row.
        var now = api.Clock.GetUtcNow();
        var at = now.AddMinutes(1);
        await CreateAsync("bf-daily", Daily("bf-daily", at.AddDays(-6)));
        var upcoming = await UpcomingKeyAsync("bf-daily");
        var missed = Enumerable.Range(1, 5).Select(d => Key("bf-daily", at.AddDays(-d))).Order(StringComparer.Ordinal).ToList();

        var response = await BackfillAsync("bf-daily", new { from = Local(at.AddDays(-5).Date), to = Local(at.AddDays(1)), reason = "missed before go-live" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json.ReadAsync(response);
        Assert.Equal(5, body.GetProperty("queued").GetInt32());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("next").ValueKind);
        var items = body.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(missed, items.Select(i => i.GetProperty("key").GetString()));
        Assert.All(items, i => Assert.Equal("queued", i.GetProperty("status").GetString()));
        Assert.Equal(Local(at.AddDays(-5)), items[0].GetProperty("localTime").GetString());
        Assert.Equal(Utc(at.AddDays(-5)), items[0].GetProperty("dueUtc").GetString());

        await Eventually.HoldsAsync(() => missed.All(k => Accepted(k) == 1), "every backfilled occurrence is delivered");
        var order = api.Receiver.Accepted.Select(r => r.IdempotencyKey ?? "").Where(missed.Contains).ToList();
        Assert.Equal(missed, order);

        // The scheduled occurrence still comes next, and is sent when it falls due.
        Assert.Equal(Key("bf-daily", at), upcoming);
        Assert.Equal(upcoming, await UpcomingKeyAsync("bf-daily"));
        await api.AdvanceUntilAsync(() => Accepted(upcoming!) == 1);

        var again = await Json.ReadAsync(await BackfillAsync("bf-daily", new { from = Local(at.AddDays(-5).Date), to = Local(at.AddDays(1)) }));
        Assert.Equal(0, again.GetProperty("queued").GetInt32());
        Assert.Equal(6, again.GetProperty("alreadyRecorded").GetInt32());
        Assert.All(missed.Append(upcoming!), k => Assert.Equal(1, Accepted(k)));

        var audit = (await Json.ReadAsync(await api.Client.GetAsync("/api/v1/audit?entity=schedule:bf-daily"))).GetProperty("items").EnumerateArray().ToList();
        var entry = Assert.Single(audit, e => e.GetProperty("action").GetString() == "schedule.backfill");
        Assert.Equal($"missed before go-live (backfill {Local(at.AddDays(-5).Date)}..{Local(at.AddDays(1))}: 5 queued)", entry.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Backfill_CalledTwiceAtOnce_SendsEachOccurrenceOnce()
    {
        var at = api.Clock.GetUtcNow().AddHours(1);
        await CreateAsync("bf-race", Daily("bf-race", at.AddDays(-4)));
        var range = new { from = Local(at.AddDays(-4)), to = Local(at.AddDays(-1)) };

        var answers = await Task.WhenAll(BackfillAsync("bf-race", range), BackfillAsync("bf-race", range));

        var bodies = await Task.WhenAll(answers.Select(Json.ReadAsync));
        Assert.Equal(4, bodies.Sum(b => b.GetProperty("queued").GetInt32()));
        var keys = Enumerable.Range(1, 4).Select(d => Key("bf-race", at.AddDays(-d))).ToList();
        await Eventually.HoldsAsync(() => keys.All(k => Accepted(k) == 1), "every backfilled occurrence is delivered");
        var history = (await Json.ReadAsync(await api.Client.GetAsync("/api/v1/schedules/bf-race/occurrences"))).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(4, history.Count);
        Assert.All(history, o => Assert.Equal(1, o.GetProperty("attempts").GetInt32()));
    }

    [Fact]
    public async Task Backfill_DryRun_ListsWhatWouldBeQueued_AndStoresAndSendsNothing()
    {
        var at = api.Clock.GetUtcNow().AddHours(1);
        await CreateAsync("bf-dry", Daily("bf-dry", at.AddDays(-3)));

        var body = await Json.ReadAsync(await BackfillAsync("bf-dry", new { from = Local(at.AddDays(-3)), to = Local(at), dryRun = true }));

        Assert.True(body.GetProperty("dryRun").GetBoolean());
        Assert.Equal(3, body.GetProperty("wouldQueue").GetInt32());
        Assert.Equal(0, body.GetProperty("queued").GetInt32());
        Assert.All(body.GetProperty("items").EnumerateArray(), i => Assert.Equal("wouldQueue", i.GetProperty("status").GetString()));
        Assert.Empty((await Json.ReadAsync(await api.Client.GetAsync("/api/v1/schedules/bf-dry/occurrences"))).GetProperty("items").EnumerateArray());
        Assert.DoesNotContain(api.Receiver.Received, r => r.IdempotencyKey?.StartsWith("schedule:bf-dry:", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Backfill_MoreThanOneCallHandles_AnswersTheFirstThousandAndWhereToContinue()
    {
        var at = api.Clock.GetUtcNow().AddMinutes(30);
        var hourly = Daily("bf-many", at.AddDays(-60)).Replace("FREQ=DAILY", "FREQ=HOURLY", StringComparison.Ordinal);
        await CreateAsync("bf-many", hourly);
        var from = at.AddDays(-50);

        var body = await Json.ReadAsync(await BackfillAsync("bf-many", new { from = Local(from), to = Local(at.AddDays(-1)), dryRun = true }));

        Assert.Equal(1000, body.GetProperty("items").GetArrayLength());
        Assert.Equal(Local(from.AddHours(1000)), body.GetProperty("next").GetString());
    }

    [Fact]
    public async Task Backfill_BeyondTheLedgersRetention_Returns400NamingTheEarliestStart()
    {
        var at = api.Clock.GetUtcNow().AddHours(1);
        await CreateAsync("bf-old", Daily("bf-old", at.AddDays(-200)));

        var response = await BackfillAsync("bf-old", new { from = Local(at.AddDays(-150)), to = Local(at.AddDays(-1)) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await Json.ReadAsync(response)).GetProperty("errors").TryGetProperty("from", out _));
        Assert.Empty((await Json.ReadAsync(await api.Client.GetAsync("/api/v1/schedules/bf-old/occurrences"))).GetProperty("items").EnumerateArray());
    }

    [Theory]
    [InlineData("""{"to":"2026-11-30T00:00:00"}""", "from")]
    [InlineData("""{"from":"2026-11-20T00:00:00"}""", "to")]
    [InlineData("""{"from":"2026-11-20 09:00","to":"2026-11-30T00:00:00"}""", "from")]
    [InlineData("""{"from":"2026-11-20T00:00:00Z","to":"2026-11-30T00:00:00"}""", "from")]
    [InlineData("""{"from":"2026-11-20T00:00:00","to":"2026-11-30T24:00:00"}""", "to")]
    [InlineData("""{"from":"2026-11-30T00:00:00","to":"2026-11-20T00:00:00"}""", "to")]
    [InlineData("""{"from":"2026-11-20T00:00:00","to":"2026-11-30T00:00:00","dryRun":"yes"}""", "dryRun")]
    [InlineData("""{"from":"2026-11-20T00:00:00","to":"2026-11-30T00:00:00","until":"x"}""", "until")]
    public async Task Backfill_BadBody_Returns400NamingTheFieldAndStoresNothing(string json, string field)
    {
        // A fixed start, so the create of every case is the same (a replay), whatever the clock says by then.
        await CreateAsync("bf-bad", Daily("bf-bad", ApiFixture.Start.AddDays(-20)));

        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        var response = await api.Client.PostAsync("/api/v1/schedules/bf-bad/backfill", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await Json.ReadAsync(response)).GetProperty("errors").TryGetProperty(field, out _));
        Assert.Empty((await Json.ReadAsync(await api.Client.GetAsync("/api/v1/schedules/bf-bad/occurrences"))).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Backfill_UnknownSchedule_Returns404_AndPausedSchedule_Returns409SendingNothing()
    {
        var range = new { from = "2026-11-20T00:00:00", to = "2026-11-30T00:00:00" };
        var unknown = await BackfillAsync("bf-nobody", range);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);

        var at = api.Clock.GetUtcNow().AddHours(1);
        await CreateAsync("bf-paused", Daily("bf-paused", at.AddDays(-5)));
        Assert.Equal(HttpStatusCode.OK, (await api.Client.PostAsync("/api/v1/schedules/bf-paused/pause", null)).StatusCode);

        var paused = await BackfillAsync("bf-paused", new { from = Local(at.AddDays(-5)), to = Local(at.AddDays(-1)) });

        Assert.Equal(HttpStatusCode.Conflict, paused.StatusCode);
        Assert.Empty((await Json.ReadAsync(await api.Client.GetAsync("/api/v1/schedules/bf-paused/occurrences"))).GetProperty("items").EnumerateArray());
    }

    private static string Daily(string id, DateTimeOffset start) =>
        $$"""{"id":"{{id}}","kind":"custom","timezone":"UTC","start":"{{Local(start)}}","rrule":"FREQ=DAILY","recipient":{"firstName":"Ada"},"message":"Hi {firstName}"}""";

    private static string Local(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:00", CultureInfo.InvariantCulture);

    private static string Local(DateTime at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:00'Z'", CultureInfo.InvariantCulture);

    private static string Key(string id, DateTimeOffset at) => $"schedule:{id}:{at.UtcDateTime:yyyyMMdd'T'HHmm}00";

    private async Task CreateAsync(string id, string body)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        var response = await api.Client.PostAsync("/api/v1/schedules", content);
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"create of {id} answered {response.StatusCode}");
    }

    private Task<HttpResponseMessage> BackfillAsync(string id, object body) =>
        api.Client.PostAsJsonAsync($"/api/v1/schedules/{id}/backfill", body);

    private async Task<string?> UpcomingKeyAsync(string id) =>
        (await Json.ReadAsync(await api.Client.GetAsync($"/api/v1/schedules/{id}/upcoming?count=1"))).GetProperty("items")[0].GetProperty("key").GetString();

    private int Accepted(string key) => api.Receiver.Accepted.Count(r => r.IdempotencyKey == key);
}
