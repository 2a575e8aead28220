using Reminders.Api.Users;
using Reminders.Grains.Interfaces.Schedules;

namespace Reminders.Api.Schedules;

/// <summary>
/// What a backfill did or would do: each occurrence of the range that is due, oldest first, with its status
/// (<c>queued</c>, <c>alreadyRecorded</c> or <c>wouldQueue</c>), the counts, and <c>next</c>: when the range held
/// more than one call handles, the local date-time to send as <c>from</c> to continue (null when done).
/// </summary>
public sealed record BackfillResponse(bool DryRun, int Queued, int AlreadyRecorded, int WouldQueue, string? Next, IReadOnlyList<BackfillResponseItem> Items)
{
    public static BackfillResponse From(BackfillResult result, bool dryRun)
    {
        var items = result.Items.Select(i => new BackfillResponseItem(i.Key, ApiFormats.LocalDateTime(i.LocalTime), ApiFormats.Instant(i.Due), Name(i.Status))).ToList();
        return new BackfillResponse(
            dryRun,
            result.Items.Count(i => i.Status == BackfillItemStatus.Queued),
            result.Items.Count(i => i.Status == BackfillItemStatus.AlreadyRecorded),
            result.Items.Count(i => i.Status == BackfillItemStatus.WouldQueue),
            result.Next is { } next ? ApiFormats.LocalDateTime(next) : null,
            items);
    }

    private static string Name(BackfillItemStatus status) => status switch
    {
        BackfillItemStatus.Queued => "queued",
        BackfillItemStatus.WouldQueue => "wouldQueue",
        _ => "alreadyRecorded",
    };
}

/// <summary>One occurrence of a backfill: its normal key, nominal local time, due instant and what was done.</summary>
public sealed record BackfillResponseItem(string Key, string LocalTime, string DueUtc, string Status);
