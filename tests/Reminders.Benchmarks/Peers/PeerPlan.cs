using System.Text.Json;

namespace Reminders.Benchmarks.Peers;

/// <summary>
/// What a peer scheduler process is asked to schedule: one one-shot job per entry, each POSTing
/// <c>{"key": Key}</c> with an <c>Idempotency-Key: Key</c> header to the receiver at <c>DueUtc</c>.
/// Written by the harness as JSON (camelCase) and read by <c>peer</c> processes.
/// </summary>
public sealed record PeerPlan(IReadOnlyList<PlannedJob> Jobs)
{
    public static async Task<PeerPlan> ReadAsync(string path) =>
        await JsonSerializer.DeserializeAsync<PeerPlan>(File.OpenRead(path), JsonSerializerOptions.Web)
        ?? throw new InvalidDataException($"{path} holds no plan.");

    public async Task WriteAsync(string path)
    {
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, this, JsonSerializerOptions.Web);
    }
}

/// <summary>One job: its key (the idempotency key the receiver records) and when it is due.</summary>
public sealed record PlannedJob(string Key, DateTimeOffset DueUtc);
