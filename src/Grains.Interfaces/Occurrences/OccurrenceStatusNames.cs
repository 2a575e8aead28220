namespace Reminders.Grains.Interfaces.Occurrences;

/// <summary>The names of <see cref="OccurrenceStatus"/> values as the API and the ledger table spell them.</summary>
public static class OccurrenceStatusNames
{
    public static string Of(OccurrenceStatus status) => status switch
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

    /// <summary>Reads a name exactly as <see cref="Of"/> writes it.</summary>
    public static bool TryParse(string? name, out OccurrenceStatus status)
    {
        foreach (var candidate in Enum.GetValues<OccurrenceStatus>())
        {
            if (Of(candidate) == name)
            {
                status = candidate;
                return true;
            }
        }

        status = default;
        return false;
    }
}
