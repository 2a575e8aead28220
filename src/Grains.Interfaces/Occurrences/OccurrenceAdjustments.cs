namespace Reminders.Grains.Interfaces.Occurrences;

/// <summary>What the schedule's policies did to an occurrence's nominal date and time.</summary>
[Flags, GenerateSerializer, Alias("Reminders.Occurrences.OccurrenceAdjustments")]
public enum OccurrenceAdjustments
{
    None = 0,

    /// <summary>The local time fell in a DST gap and was interpreted with the offset before it.</summary>
    DstGapShifted = 1,

    /// <summary>The local time happened twice; the earlier instant was taken.</summary>
    DstOverlapEarlier = 2,

    /// <summary>The local time happened twice; the later instant was taken.</summary>
    DstOverlapLater = 4,

    /// <summary>The day does not exist in that month; moved to the month's last day.</summary>
    InvalidDateBackward = 8,

    /// <summary>The day does not exist in that month; moved to the next month's first day.</summary>
    InvalidDateForward = 16,

    /// <summary>The business calendar excludes its local date and the policy skips it: it is not delivered.</summary>
    ExcludedSkipped = 32,

    /// <summary>The business calendar excludes its local date: delivered on the next or previous business day, under the same key.</summary>
    ExcludedMoved = 64,
}
