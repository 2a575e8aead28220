using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Reminders.Grains.Catalog;
using Reminders.Silo.Catalog;

namespace Reminders.Api.Tests;

/// <summary>A host whose catalog repair sweep only runs when a test asks, so a timed tick cannot repair a row first.</summary>
public sealed class CatalogSyncFixture : ApiFixture
{
    protected override ApiFactory CreateFactory() => new(Database, Clock, Receiver.Url, new Dictionary<string, string>
    {
        ["Reminders:Catalog:RepairInterval"] = "1.00:00:00",
    });
}

/// <summary>The catalog follows grain state: pause, edit, delete and delivery show in the lists, and drift is repaired.</summary>
public sealed class CatalogSyncTests(CatalogSyncFixture api) : IClassFixture<CatalogSyncFixture>
{
    [Fact]
    public async Task Schedule_PauseEditDeliveryAndDelete_AreReflectedInTheList()
    {
        Assert.Equal(HttpStatusCode.Created, (await api.Client.PostAsJsonAsync("/api/v1/schedules", api.OneShot("sync-life", null))).StatusCode);
        var due = api.Clock.GetUtcNow().AddMinutes(1);
        var created = await EntryAsync("sync-life");
        Assert.Equal(Utc(due), Text(created!.Value, "nextDueUtc"));
        Assert.Equal(1, created.Value.GetProperty("version").GetInt32());

        Assert.Equal(HttpStatusCode.OK, (await api.Client.PostAsync("/api/v1/schedules/sync-life/pause", null)).StatusCode);
        var paused = await EntryAsync("sync-life");
        Assert.True(paused!.Value.GetProperty("paused").GetBoolean());
        Assert.Equal(2, paused.Value.GetProperty("version").GetInt32());
        Assert.Single(await IdsAsync("q=sync-life&paused=true"));

        Assert.Equal(HttpStatusCode.OK, (await api.Client.PostAsync("/api/v1/schedules/sync-life/resume", null)).StatusCode);
        var edited = new
        {
            kind = "custom", timezone = "Europe/Berlin", start = api.Clock.GetUtcNow().AddHours(1).AddMinutes(2).ToString("yyyy-MM-dd'T'HH:mm:00", System.Globalization.CultureInfo.InvariantCulture),
            recipient = new { firstName = "Ada" }, message = "moved",
        };
        Assert.Equal(HttpStatusCode.OK, (await api.Client.PutAsJsonAsync("/api/v1/schedules/sync-life", edited)).StatusCode);
        var afterEdit = await EntryAsync("sync-life");
        Assert.False(afterEdit!.Value.GetProperty("paused").GetBoolean());
        Assert.Equal(4, afterEdit.Value.GetProperty("version").GetInt32());
        Assert.Equal("Europe/Berlin", Text(afterEdit.Value, "timezone"));
        Assert.EndsWith("Europe/Berlin", Text(afterEdit.Value, "rule"), StringComparison.Ordinal);
        // Berlin is an hour ahead of UTC in December: 13:02 there is 12:02 here.
        Assert.Equal(Utc(due.AddMinutes(1)), Text(afterEdit.Value, "nextDueUtc"));

        // Delivered: nothing is left to wake for, and its reminder goes at its next tick.
        api.Clock.Advance(TimeSpan.FromMinutes(2));
        await api.AdvanceUntilAsync(() => api.Receiver.Accepted.Any(r => r.IdempotencyKey?.StartsWith("schedule:sync-life:", StringComparison.Ordinal) == true));
        await api.AdvanceUntilAsync(async () => (await EntryAsync("sync-life"))?.GetProperty("nextDueUtc").ValueKind == JsonValueKind.Null);

        Assert.Equal(HttpStatusCode.NoContent, (await api.Client.DeleteAsync("/api/v1/schedules/sync-life")).StatusCode);
        Assert.Null(await EntryAsync("sync-life"));
    }

    [Fact]
    public async Task Schedule_WithADeadLetter_IsListedUnderHasDeadLetters()
    {
        api.Receiver.Respond = r => Task.FromResult(r.IdempotencyKey?.StartsWith("schedule:sync-dead:", StringComparison.Ordinal) == true ? 422 : 200);
        Assert.Equal(HttpStatusCode.Created, (await api.Client.PostAsJsonAsync("/api/v1/schedules", api.OneShot("sync-dead", null))).StatusCode);
        Assert.Empty(await IdsAsync("q=sync-dead&hasDeadLetters=true"));

        Assert.Equal("deadLettered", (await api.ClosedOccurrenceAsync("sync-dead")).GetProperty("status").GetString());

        Assert.Equal(["sync-dead"], await IdsAsync("q=sync-dead&hasDeadLetters=true"));
        Assert.Empty(await IdsAsync("q=sync-dead&hasDeadLetters=false"));
        Assert.Equal(1, (await EntryAsync("sync-dead"))!.Value.GetProperty("deadLetters").GetInt32());
    }

    [Fact]
    public async Task Catalog_RowDeletedOrMadeStaleBySql_IsRepairedBySweep()
    {
        Assert.Equal(HttpStatusCode.Created, (await api.Client.PostAsJsonAsync("/api/v1/schedules", api.OneShot("sync-repair", null))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await api.CreateAsync(Json.Ada("sync-repair-user"))).StatusCode);
        var repair = api.Factory.Services.GetRequiredService<CatalogRepairService>();
        Assert.Equal(0, await repair.RepairAllAsync());

        await api.Database.ScalarAsync<int>(
            "WITH gone AS (DELETE FROM reminders_entities WHERE entity IN ('schedule:sync-repair', 'user:sync-repair-user') RETURNING 1) SELECT count(*)::int FROM gone");
        Assert.Null(await EntryAsync("sync-repair"));

        Assert.Equal(2, await repair.RepairAllAsync());
        Assert.NotNull(await EntryAsync("sync-repair"));
        Assert.Equal(["sync-repair-user"], await IdsAsync("q=sync-repair-user", "users"));

        // A row older than its state (as a crash between the state write and the upsert leaves it) is rewritten too.
        await api.Database.ScalarAsync<int>(
            "WITH stale AS (UPDATE reminders_entities SET storage_version = storage_version - 1, paused = true WHERE entity = 'schedule:sync-repair' RETURNING 1) SELECT count(*)::int FROM stale");
        Assert.True((await EntryAsync("sync-repair"))!.Value.GetProperty("paused").GetBoolean());

        Assert.Equal(1, await repair.RepairAllAsync());
        Assert.False((await EntryAsync("sync-repair"))!.Value.GetProperty("paused").GetBoolean());
    }

    [Fact]
    public async Task Upsert_WithAnOlderStateVersion_NeverOverwritesANewerRow()
    {
        Assert.Equal(HttpStatusCode.Created, (await api.Client.PostAsJsonAsync("/api/v1/schedules", api.OneShot("sync-order", null))).StatusCode);
        var writer = api.Factory.Services.GetRequiredService<IEntityCatalogWriter>();
        var storageVersion = await api.Database.ScalarAsync<int>("SELECT storage_version FROM reminders_entities WHERE entity = 'schedule:sync-order'");
        var late = new EntityCatalogRow("schedule:sync-order", "schedule", "sync-order", "schedule/s-sync-order", storageVersion - 1, 0, Deleted: true, [], "", false, "", "");

        Assert.False(await writer.UpsertAsync(late));
        Assert.NotNull(await EntryAsync("sync-order"));
    }

    private async Task<JsonElement?> EntryAsync(string id)
    {
        var items = (await Json.ReadAsync(await api.Client.GetAsync($"/api/v1/schedules?q={id}"))).GetProperty("items").EnumerateArray();
        return items.Where(i => i.GetProperty("id").GetString() == id).Cast<JsonElement?>().FirstOrDefault();
    }

    private async Task<List<string?>> IdsAsync(string query, string list = "schedules") =>
        [.. (await Json.ReadAsync(await api.Client.GetAsync($"/api/v1/{list}?{query}"))).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString())];

    private static string Utc(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:00'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static string? Text(JsonElement item, string name) => item.GetProperty(name).GetString();
}
