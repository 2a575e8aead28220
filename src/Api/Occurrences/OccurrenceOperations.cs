using System.Security.Claims;
using Reminders.Api.Audit;
using Reminders.Grains.Interfaces.Occurrences;
using Reminders.Grains.Interfaces.Schedules;
using Reminders.Grains.Interfaces.Users;
using Reminders.Grains.Ledger;
using Reminders.Grains.Scheduling;
using Reminders.Api.Validation;

namespace Reminders.Api.Occurrences;

/// <summary>
/// Retry and discard of many occurrences, each key by its owning grain exactly as the single-key routes do it, and
/// one audit entry per key that changed (under the caller's key name and reason). Injectable, so the console uses it
/// too. Keys are handled a few at a time: a thousand keys take a thousand grain calls, not a thousand at once.
/// </summary>
public sealed class OccurrenceOperations(IGrainFactory grains, IOccurrenceStore store, AuditTrail audit)
{
    private const int Parallelism = 8;

    /// <summary>The keys a request names, or those its filter selects (at most <see cref="BulkRequest.MaxKeys"/>, newest due first), and whether more matched.</summary>
    public async Task<(IReadOnlyList<string> Keys, bool More)> SelectAsync(BulkRequest request, CancellationToken cancellationToken)
    {
        if (request.Keys is { } keys)
        {
            return (keys, false);
        }

        var rows = await store.ListAsync(new OccurrenceQuery(BulkRequest.MaxKeys + 1, request.Entity, request.Status, request.Kind), cancellationToken);
        return ([.. rows.Take(BulkRequest.MaxKeys).Select(r => r.Key)], rows.Count > BulkRequest.MaxKeys);
    }

    public Task<IReadOnlyList<BulkItemResult>> RetryAsync(IReadOnlyList<string> keys, ClaimsPrincipal user, string? reason, CancellationToken cancellationToken) =>
        ApplyAsync(keys, user, reason, AuditActions.OccurrenceRetry, "retried", (owner, key) => owner.RetryOccurrenceAsync(key), cancellationToken);

    public Task<IReadOnlyList<BulkItemResult>> DiscardAsync(IReadOnlyList<string> keys, ClaimsPrincipal user, string? reason, CancellationToken cancellationToken) =>
        ApplyAsync(keys, user, reason, AuditActions.OccurrenceDiscard, "discarded", (owner, key) => owner.DiscardOccurrenceAsync(key), cancellationToken);

    /// <summary>The grain that owns an occurrence key (<c>user:&lt;id&gt;:...</c> or <c>schedule:&lt;id&gt;:...</c>), or null for anything else.</summary>
    public IOccurrenceOwner? Owner(string key)
    {
        var parts = key.Split(':');
        if (parts.Length < 3 || !EntityIds.IsValid(parts[1]))
        {
            return null;
        }

        return parts[0] switch
        {
            OccurrenceKeys.UserPrefix => grains.GetUserGrain(parts[1]),
            OccurrenceKeys.SchedulePrefix => grains.GetScheduleGrain(parts[1]),
            _ => null,
        };
    }

    private async Task<IReadOnlyList<BulkItemResult>> ApplyAsync(
        IReadOnlyList<string> keys, ClaimsPrincipal user, string? reason, string action, string changed,
        Func<IOccurrenceOwner, string, Task<OccurrenceView?>> change, CancellationToken cancellationToken)
    {
        var results = new BulkItemResult[keys.Count];
        // The caller going away stops the keys not yet started; each started key completes and is audited.
        await Parallel.ForEachAsync(Enumerable.Range(0, keys.Count), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (i, _) => results[i] = await ApplyOneAsync(keys[i], user, reason, action, changed, change));
        return results;
    }

    private async Task<BulkItemResult> ApplyOneAsync(
        string key, ClaimsPrincipal user, string? reason, string action, string changed, Func<IOccurrenceOwner, string, Task<OccurrenceView?>> change)
    {
        if (Owner(key) is not { } owner)
        {
            return new BulkItemResult(key, "invalid", null);
        }

        var before = (await store.ReadAsync(key, CancellationToken.None))?.Status;
        if (await change(owner, key) is not { } occurrence)
        {
            return new BulkItemResult(key, "notFound", null);
        }

        var status = OccurrenceStatusNames.Of(occurrence.Status);
        if (occurrence.Status == before)
        {
            return new BulkItemResult(key, "unchanged", status);
        }

        var parts = key.Split(':');
        await audit.RecordAsync(user, action, parts[0] + ":" + parts[1], reason, occurrenceKey: key);
        return new BulkItemResult(key, changed, status);
    }
}
