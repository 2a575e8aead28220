namespace Reminders.FaultInjection.Tests;

/// <summary>
/// Over many fresh keys each outcome takes its share, within four standard deviations of a binomial count (a
/// bound any seed meets but for odds below 1 in 10,000 per outcome), and a seed repeats a run exactly.
/// </summary>
public sealed class FaultShareTests : IDisposable
{
    private const int Requests = 2_000;

    private readonly HttpClient _client = new();

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task Shares_Over2000FreshKeys_AreRespected()
    {
        var profile = new FaultProfile
        {
            ErrorShare = 0.1, HangShare = 0.05, SlowShare = 0.05, ThrottleShare = 0.05,
            HangDuration = TimeSpan.FromMilliseconds(1), SlowDelay = TimeSpan.FromMilliseconds(1), Seed = 42,
        };
        await using var receiver = await FaultyReceiver.StartAsync(profile);

        await Parallel.ForEachAsync(Enumerable.Range(0, Requests), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, ct) =>
        {
            try
            {
                using var _ = await Webhooks.PostAsync(_client, receiver.Url, $"key-{i}", ct);
            }
            catch (HttpRequestException)
            {
                // A hang that ran its duration: the receiver dropped the connection.
            }
        });

        var summary = receiver.Summary;
        Assert.Equal((Requests, 0, 0), (summary.Received, summary.Pending, summary.DuplicateAcceptances));
        AssertShare(summary, FaultOutcome.Error, 0.1);
        AssertShare(summary, FaultOutcome.Hang, 0.05);
        AssertShare(summary, FaultOutcome.Slow, 0.05);
        AssertShare(summary, FaultOutcome.Throttle, 0.05);
        AssertShare(summary, FaultOutcome.Ok, 0.75);
        Assert.Equal(summary.Outcomes[FaultOutcome.Ok] + summary.Outcomes[FaultOutcome.Slow], summary.AcceptedKeys);
        Assert.All(receiver.Received.Where(r => r.Outcome == FaultOutcome.Hang), r => Assert.Equal(RequestState.Dropped, r.State));
    }

    [Fact]
    public async Task Seed_SameSeed_RepeatsTheOutcomesInOrder()
    {
        var profile = new FaultProfile { ErrorShare = 0.3, ThrottleShare = 0.3, Seed = 7 };

        var first = await OutcomesAsync(profile);
        var second = await OutcomesAsync(profile);
        var otherSeed = await OutcomesAsync(profile with { Seed = 8 });

        Assert.Equal(first, second);
        Assert.NotEqual(first, otherSeed);
    }

    [Fact]
    public async Task Seed_NoneGiven_IsPickedAndReported()
    {
        await using var receiver = await FaultyReceiver.StartAsync(new FaultProfile { ErrorShare = 0.5 });

        var rerun = await OutcomesAsync(new FaultProfile { ErrorShare = 0.5, Seed = receiver.Seed });

        Assert.Equal(rerun, await OutcomesAsync(receiver));
    }

    private async Task<FaultOutcome[]> OutcomesAsync(FaultProfile profile)
    {
        await using var receiver = await FaultyReceiver.StartAsync(profile);
        return await OutcomesAsync(receiver);
    }

    private async Task<FaultOutcome[]> OutcomesAsync(FaultyReceiver receiver)
    {
        for (var i = 0; i < 100; i++)
        {
            await Webhooks.StatusAsync(_client, receiver.Url, $"key-{i}");
        }

        return [.. receiver.Received.Select(r => r.Outcome)];
    }

    private static void AssertShare(FaultyReceiverSummary summary, FaultOutcome outcome, double share)
    {
        var expected = Requests * share;
        var bound = 4 * Math.Sqrt(Requests * share * (1 - share));
        Assert.InRange(summary.Outcomes[outcome], expected - bound, expected + bound);
    }
}
