using System.Globalization;

namespace Reminders.FaultInjection;

/// <summary>
/// How a <see cref="FaultyReceiver"/> misbehaves. Each request for a key that is neither accepted nor in progress
/// draws one outcome: a share (0 to 1) of them is answered 500, left hanging, answered slowly, or throttled with
/// 429 and <c>Retry-After</c>; the rest is answered 200 at once. The shares may sum to at most 1.
/// </summary>
public sealed record FaultProfile
{
    /// <summary>The longest hang or slow delay accepted: a day is far past any sane timeout already.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromDays(1);

    // Shares are decimals written by people (0.1 + 0.2 + 0.3 + 0.4): allow for binary rounding in the sum.
    private const double SumTolerance = 1e-9;

    /// <summary>No faults: every fresh key is answered 200 at once.</summary>
    public static FaultProfile None { get; } = new();

    /// <summary>Share of fresh requests answered <c>500</c>.</summary>
    public double ErrorShare { get; init; }

    /// <summary>Share of fresh requests never answered: they end when the client gives up or after <see cref="HangDuration"/>.</summary>
    public double HangShare { get; init; }

    /// <summary>How long a hang lasts before the receiver drops the connection without answering.</summary>
    /// <value>The default is 60 seconds.</value>
    public TimeSpan HangDuration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Share of fresh requests answered 200 only after <see cref="SlowDelay"/>.</summary>
    public double SlowShare { get; init; }

    /// <summary>How long a slow answer takes.</summary>
    /// <value>The default is 2 seconds.</value>
    public TimeSpan SlowDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Share of fresh requests answered <c>429</c> with <c>Retry-After: </c><see cref="RetryAfterSeconds"/>.</summary>
    public double ThrottleShare { get; init; }

    /// <summary>The <c>Retry-After</c> of a 429, in seconds.</summary>
    /// <value>The default is 5.</value>
    public int RetryAfterSeconds { get; init; } = 5;

    /// <summary>What a request for an already accepted key is answered.</summary>
    /// <value>The default is 200, as a deduplicating receiver that reports success does.</value>
    public int DuplicateStatus { get; init; } = 200;

    /// <summary>Seeds the draws, so a run can be repeated; null picks a seed (the receiver reports it).</summary>
    public int? Seed { get; init; }

    /// <summary>What is wrong with this profile, one sentence each; empty when it is valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        CheckShare(problems, nameof(ErrorShare), ErrorShare);
        CheckShare(problems, nameof(HangShare), HangShare);
        CheckShare(problems, nameof(SlowShare), SlowShare);
        CheckShare(problems, nameof(ThrottleShare), ThrottleShare);
        var sum = ErrorShare + HangShare + SlowShare + ThrottleShare;
        if (problems.Count == 0 && sum > 1 + SumTolerance)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"the shares sum to {sum:0.###}, more than 1"));
        }

        if (HangDuration <= TimeSpan.Zero || HangDuration > MaxDelay)
        {
            problems.Add($"{nameof(HangDuration)} must be above zero and at most a day, not {HangDuration}");
        }

        if (SlowDelay < TimeSpan.Zero || SlowDelay > MaxDelay)
        {
            problems.Add($"{nameof(SlowDelay)} must be between zero and a day, not {SlowDelay}");
        }

        if (RetryAfterSeconds is < 0 or > 86_400)
        {
            problems.Add($"{nameof(RetryAfterSeconds)} must be between 0 and 86400, not {RetryAfterSeconds}");
        }

        if (DuplicateStatus is < 200 or > 599)
        {
            problems.Add($"{nameof(DuplicateStatus)} must be a final status code (200 to 599), not {DuplicateStatus}");
        }

        return problems;
    }

    /// <summary>Returns this profile, or throws <see cref="ArgumentException"/> naming every problem.</summary>
    public FaultProfile Validate()
    {
        var problems = Problems();
        return problems.Count == 0 ? this : throw new ArgumentException($"Invalid fault profile: {string.Join("; ", problems)}.");
    }

    /// <summary>The outcome for a uniform draw in [0, 1): the shares are consecutive intervals, in the order of the properties.</summary>
    public FaultOutcome Draw(double uniform)
    {
        var bound = ErrorShare;
        if (uniform < bound)
        {
            return FaultOutcome.Error;
        }

        if (uniform < (bound += HangShare))
        {
            return FaultOutcome.Hang;
        }

        if (uniform < (bound += SlowShare))
        {
            return FaultOutcome.Slow;
        }

        return uniform < bound + ThrottleShare ? FaultOutcome.Throttle : FaultOutcome.Ok;
    }

    /// <summary>One line for people: <c>500 10%, hang 5% (60s), slow 5% (2s), 429 5% (Retry-After 5), duplicates answered 200</c>.</summary>
    public string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"500 {ErrorShare:0.##%}, hang {HangShare:0.##%} ({HangDuration.TotalSeconds:0.###}s), slow {SlowShare:0.##%} ({SlowDelay.TotalSeconds:0.###}s), " +
        $"429 {ThrottleShare:0.##%} (Retry-After {RetryAfterSeconds}), duplicates answered {DuplicateStatus}");

    private static void CheckShare(List<string> problems, string name, double share)
    {
        if (!double.IsFinite(share) || share < 0 || share > 1)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{name} must be between 0 and 1, not {share}"));
        }
    }
}
