using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Reminders.Api.Tests.SettledLedgerFixture;

namespace Reminders.Api.Tests;

/// <summary>
/// A host whose attempts time out after two seconds, and one settled morning of 2026-12-01 in its ledger: schedule x
/// hourly from 01:00 to 04:00 (03:00 refused with a 422), schedule y hourly from 01:30 to 03:30, and a meeting (at most
/// once) at 02:15 whose receiver never answers, so it is uncertain.
/// </summary>
public sealed class SettledLedgerFixture : ApiFixture
{
    public const string X1 = "schedule:x:20261201T010000";
    public const string X2 = "schedule:x:20261201T020000";
    public const string X3 = "schedule:x:20261201T030000";
    public const string X4 = "schedule:x:20261201T040000";
    public const string Y1 = "schedule:y:20261201T013000";
    public const string Y2 = "schedule:y:20261201T023000";
    public const string Y3 = "schedule:y:20261201T033000";
    public const string M = "schedule:m:20261201T021500";

    private readonly Lock _gate = new();
    private Task? _settled;

    protected override ApiFactory CreateFactory() => new(Database, Clock, Receiver.Url, new Dictionary<string, string>
    {
        ["Reminders:Delivery:AttemptTimeout"] = "00:00:02",
    });

    /// <summary>Plays the morning once, whichever test asks first.</summary>
    public Task SettledAsync()
    {
        lock (_gate)
        {
            return _settled ??= PlayAsync();
        }
    }

    private async Task PlayAsync()
    {
        var hung = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        Receiver.ErrorBody = "inbox closed";
        Receiver.Respond = r => r.IdempotencyKey switch
        {
            X3 => Task.FromResult(422),
            M => hung.Task,
            _ => Task.FromResult(200),
        };
        try
        {
            await CreateScheduleAsync(new { id = "x", kind = "custom", timezone = "Etc/UTC", start = "2026-12-01T01:00:00", rrule = "FREQ=HOURLY;COUNT=4", message = "x" });
            await CreateScheduleAsync(new { id = "y", kind = "custom", timezone = "Etc/UTC", start = "2026-12-01T01:30:00", rrule = "FREQ=HOURLY;COUNT=3", message = "y" });
            await CreateScheduleAsync(new
            {
                id = "m", kind = "meeting", timezone = "Etc/UTC", start = "2026-12-01T02:15:00",
                recipient = new { title = "Design review", time = "02:15", email = "team@example.com" },
            });

            // The meeting's catch-up window is ten minutes: stop at its due time until it is settled, then go on.
            Clock.Advance(Utc("2026-12-01T02:15:00Z") - Clock.GetUtcNow());
            await AdvanceUntilAsync(async () => (await StatusesAsync()).Count(s => s == "uncertain") == 1);
            Clock.Advance(Utc("2026-12-01T04:00:00Z") - Clock.GetUtcNow());
            await AdvanceUntilAsync(async () => (await StatusesAsync()).Count(s => s is "delivered" or "deadLettered" or "uncertain") == 8);
        }
        finally
        {
            hung.TrySetResult(200);
        }
    }

    private async Task CreateScheduleAsync(object schedule) =>
        Assert.Equal(HttpStatusCode.Created, (await Client.PostAsJsonAsync("/api/v1/schedules", schedule)).StatusCode);

    private async Task<List<string?>> StatusesAsync() =>
        [.. (await Json.ReadAsync(await Client.GetAsync("/api/v1/occurrences"))).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("status").GetString())];

    private static DateTimeOffset Utc(string instant) => DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary><c>GET /api/v1/occurrences</c> on the real host: every occurrence across entities, filtered, newest due first.</summary>
public sealed class OccurrenceFilterApiTests(SettledLedgerFixture api) : IClassFixture<SettledLedgerFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => api.SettledAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("/api/v1/occurrences", new[] { X4, Y3, X3, Y2, M, X2, Y1, X1 })]
    [InlineData("/api/v1/occurrences?entity=schedule:x&status=delivered&kind=custom", new[] { X4, X2, X1 })]
    [InlineData("/api/v1/occurrences?status=delivered&kind=custom", new[] { X4, Y3, Y2, X2, Y1, X1 })]
    [InlineData("/api/v1/occurrences?entity=schedule:y", new[] { Y3, Y2, Y1 })]
    [InlineData("/api/v1/occurrences?kind=meeting", new[] { M })]
    [InlineData("/api/v1/occurrences?kind=meeting&status=delivered", new string[0])]
    [InlineData("/api/v1/occurrences?status=deadLettered", new[] { X3 })]
    [InlineData("/api/v1/occurrences?entity=user:ada", new string[0])]
    [InlineData("/api/v1/occurrences?dueFrom=2026-12-01T02:00:00Z&dueTo=2026-12-01T03:30:00Z", new[] { X3, Y2, M, X2 })]
    [InlineData("/api/v1/occurrences?dueFrom=2026-12-01T02:00:00Z", new[] { X4, Y3, X3, Y2, M, X2 })]
    [InlineData("/api/v1/occurrences?dueTo=2026-12-01T02:00:00Z", new[] { Y1, X1 })]
    [InlineData("/api/v1/occurrences?dueFrom=2026-12-01T02:00:00.001Z&dueTo=2026-12-01T03:00:00.001Z&entity=schedule:x", new[] { X3 })]
    [InlineData("/api/v1/occurrences?limit=2", new[] { X4, Y3 })]
    public async Task Occurrences_across_entities_are_filtered_by_entity_status_kind_and_due_range_newest_due_first(string path, string[] expected)
    {
        Assert.Equal(expected, await KeysAsync(path));
    }

    [Fact]
    public async Task Filtered_occurrences_page_through_limit_and_next_without_duplicates_or_gaps()
    {
        var keys = new List<string?>();
        var sizes = new List<int>();
        string? next = null;
        do
        {
            var page = await Json.ReadAsync(await api.Client.GetAsync($"/api/v1/occurrences?status=delivered&kind=custom&limit=4{(next is null ? "" : "&after=" + next)}"));
            var items = page.GetProperty("items").EnumerateArray().ToList();
            sizes.Add(items.Count);
            keys.AddRange(items.Select(i => i.GetProperty("key").GetString()));
            next = page.GetProperty("next").GetString();
        }
        while (next is not null && sizes.Count < 10);

        Assert.Equal([4, 2], sizes);
        Assert.Equal([X4, Y3, Y2, X2, Y1, X1], keys);
    }

    [Fact]
    public async Task Each_occurrence_names_its_entity_and_when_it_closed()
    {
        var items = await ItemsAsync("/api/v1/occurrences");

        Assert.Equal(
            ["schedule:x", "schedule:y", "schedule:x", "schedule:y", "schedule:m", "schedule:x", "schedule:y", "schedule:x"],
            items.Select(i => Text(i, "entity")));
        // Delivered ones closed when they were delivered; the others closed too, after they fell due.
        Assert.All(items.Where(i => Text(i, "status") == "delivered"), i => Assert.Equal(Text(i, "deliveredUtc"), Text(i, "closedUtc")));
        Assert.All(items, i => Assert.True(
            DateTimeOffset.Parse(Text(i, "closedUtc")!, System.Globalization.CultureInfo.InvariantCulture) >= DateTimeOffset.Parse(Text(i, "dueUtc")!, System.Globalization.CultureInfo.InvariantCulture),
            $"{Text(i, "key")} closed at {Text(i, "closedUtc")}, before it was due at {Text(i, "dueUtc")}"));
    }

    [Fact]
    public async Task An_uncertain_occurrence_is_listed_with_every_field_the_uncertain_list_had()
    {
        var item = Assert.Single(await ItemsAsync("/api/v1/occurrences?status=uncertain"));
        var closed = await api.Database.ScalarAsync<DateTime>(
            "SELECT closed_utc FROM reminders_occurrences WHERE service_id = @s AND occurrence_key = @k", ("s", api.Factory.ServiceId), ("k", M));

        Assert.Equal(
            (M, "schedule:m", "meeting", "uncertain", (string?)null, "2026-12-01T02:15:00Z", closed.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
             1, JsonValueKind.Null, "timed out after 00:00:02", (string?)null),
            (Text(item, "key"), Text(item, "entity"), Text(item, "kind"), Text(item, "status"), Text(item, "reason"), Text(item, "dueUtc"), Text(item, "closedUtc"),
             item.GetProperty("attempts").GetInt32(), item.GetProperty("lastStatusCode").ValueKind, Text(item, "lastError"), Text(item, "lastResponseBody")));
    }

    [Fact]
    public async Task A_dead_letter_is_listed_with_the_same_fields_as_in_the_dead_letter_list()
    {
        var item = Assert.Single(await ItemsAsync("/api/v1/occurrences?status=deadLettered"));
        var deadLetter = Assert.Single(await ItemsAsync("/api/v1/dead-letters"));
        string[] fields = ["key", "entity", "kind", "status", "reason", "dueUtc", "closedUtc", "attempts", "lastStatusCode", "lastError", "lastResponseBody"];

        Assert.Equal(fields.Select(f => deadLetter.GetProperty(f).GetRawText()), fields.Select(f => item.GetProperty(f).GetRawText()));
        Assert.Equal(
            (X3, "schedule:x", "deadLettered", "permanentFailure", "2026-12-01T03:00:00Z", 1, 422, "inbox closed"),
            (Text(item, "key"), Text(item, "entity"), Text(item, "status"), Text(item, "reason"), Text(item, "dueUtc"),
             item.GetProperty("attempts").GetInt32(), item.GetProperty("lastStatusCode").GetInt32(), Text(item, "lastResponseBody")));
        Assert.StartsWith("receiver answered 422", Text(item, "lastError"), StringComparison.Ordinal);
    }

    private static string? Text(JsonElement item, string name) => item.GetProperty(name).GetString();

    private async Task<List<JsonElement>> ItemsAsync(string path)
    {
        var response = await api.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await Json.ReadAsync(response)).GetProperty("items").EnumerateArray()];
    }

    private async Task<List<string?>> KeysAsync(string path) => [.. (await ItemsAsync(path)).Select(i => Text(i, "key"))];
}
