using Reminders.Grains.Interfaces.Occurrences;

namespace Reminders.Api.Users;

/// <summary>An entity's occurrences, newest first.</summary>
public sealed record OccurrencesResponse(IReadOnlyList<OccurrenceResponse> Items)
{
    public static OccurrencesResponse From(IEnumerable<OccurrenceView> occurrences) =>
        new([.. occurrences.Select(OccurrenceResponse.From)]);
}

public sealed record OccurrenceResponse(
    string Key,
    string Kind,
    string LocalTime,
    string DueUtc,
    string Status,
    int Attempts,
    string? DeliveredUtc,
    bool Late,
    string? LastError,
    string? Reason,
    IReadOnlyList<string> Adjustments,
    string? TzdbVersion,
    int? LastStatusCode,
    string? LastResponseBody,
    IReadOnlyList<OccurrenceHistoryResponse> History)
{
    public static OccurrenceResponse From(OccurrenceView o) => new(
        o.Key,
        o.Kind,
        ApiFormats.LocalDateTime(o.LocalTime),
        ApiFormats.Instant(o.DueUtc),
        StatusName(o.Status),
        o.Attempts,
        o.DeliveredUtc is { } delivered ? ApiFormats.Instant(delivered) : null,
        o.Late,
        o.LastError,
        o.Reason,
        AdjustmentNames.Of(o.Adjustments),
        o.TzdbVersion,
        o.LastStatusCode,
        o.LastResponseBody,
        [.. (o.History ?? []).Select(h => new OccurrenceHistoryResponse(ApiFormats.Instant(h.At), h.What))]);

    public static string StatusName(OccurrenceStatus status) => status switch
    {
        OccurrenceStatus.Scheduled => "scheduled",
        OccurrenceStatus.Dispatching => "dispatching",
        OccurrenceStatus.Delivered => "delivered",
        OccurrenceStatus.Retrying => "retrying",
        OccurrenceStatus.DeadLettered => "deadLettered",
        OccurrenceStatus.Skipped => "skipped",
        OccurrenceStatus.Uncertain => "uncertain",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}

public sealed record OccurrenceHistoryResponse(string At, string What);
