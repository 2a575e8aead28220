using Reminders.Testing;

namespace Reminders.FaultInjection.Tests;

/// <summary>
/// Deduplication on <c>Idempotency-Key</c>, checked before any fault is drawn: an accepted key is answered again
/// without a second acceptance, a key in progress is a conflict, and no key is a bad request.
/// </summary>
public sealed class DeduplicationTests : IDisposable
{
    private readonly HttpClient _client = new();

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task Post_FreshKeyWithoutFaults_Answers200AndAcceptsIt()
    {
        await using var receiver = await FaultyReceiver.StartAsync(FaultProfile.None);

        Assert.Equal(200, await Webhooks.StatusAsync(_client, receiver.Url, "user:ada:birthday:2026"));

        Assert.Equal(["user:ada:birthday:2026"], receiver.Accepted);
        Assert.Equal((FaultOutcome.Ok, RequestState.Answered, (int?)200), Outcome(receiver.Received.Single()));
        Assert.Equal(0, receiver.DuplicateAcceptances);
    }

    [Fact]
    public async Task Post_AcceptedKeyAgain_Answers200WithoutASecondAcceptance()
    {
        await using var receiver = await FaultyReceiver.StartAsync(FaultProfile.None);

        var statuses = new[] { await Webhooks.StatusAsync(_client, receiver.Url, "k"), await Webhooks.StatusAsync(_client, receiver.Url, "k") };

        Assert.Equal([200, 200], statuses);
        Assert.Equal(["k"], receiver.Accepted);
        Assert.Equal(1, receiver.DuplicateAcceptances);
        Assert.Equal([FaultOutcome.Ok, FaultOutcome.Duplicate], receiver.Received.Select(r => r.Outcome));
    }

    [Theory]
    [InlineData(208)]
    [InlineData(409)]
    public async Task Post_AcceptedKeyAgain_AnswersTheConfiguredDuplicateStatus(int status)
    {
        await using var receiver = await FaultyReceiver.StartAsync(new FaultProfile { DuplicateStatus = status });

        await Webhooks.StatusAsync(_client, receiver.Url, "k");

        Assert.Equal(status, await Webhooks.StatusAsync(_client, receiver.Url, "k"));
        Assert.Equal(["k"], receiver.Accepted);
        Assert.Equal(1, receiver.DuplicateAcceptances);
    }

    [Fact]
    public async Task Post_AcceptedKeyUnderAFaultyProfile_IsStillADuplicateBecauseDedupComesFirst()
    {
        await using var receiver = await FaultyReceiver.StartAsync(FaultProfile.None);
        await Webhooks.StatusAsync(_client, receiver.Url, "k");

        receiver.Profile = new FaultProfile { ErrorShare = 1 };

        Assert.Equal(200, await Webhooks.StatusAsync(_client, receiver.Url, "k"));
        Assert.Equal(500, await Webhooks.StatusAsync(_client, receiver.Url, "other"));
        Assert.Equal([FaultOutcome.Ok, FaultOutcome.Duplicate, FaultOutcome.Error], receiver.Received.Select(r => r.Outcome));
    }

    [Fact]
    public async Task Post_SameKeyWhileTheFirstIsInProgress_Answers409UntilItEnds()
    {
        var delays = new DelayClock();
        await using var receiver = await FaultyReceiver.StartAsync(new FaultProfile { SlowShare = 1 }, delays: delays);
        var first = Webhooks.PostAsync(_client, receiver.Url, "k");
        await Eventually.HoldsAsync(() => delays.Waits == 1, "the first request is waiting out its slow delay");

        var concurrent = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Webhooks.StatusAsync(_client, receiver.Url, "k")));
        delays.Advance(receiver.Profile.SlowDelay);
        using var firstResponse = await first;
        var afterwards = await Webhooks.StatusAsync(_client, receiver.Url, "k");

        Assert.Equal([409, 409, 409, 409, 409], concurrent);
        Assert.Equal((200, 200), ((int)firstResponse.StatusCode, afterwards));
        Assert.Equal(["k"], receiver.Accepted);
        Assert.Equal(1, receiver.DuplicateAcceptances);
        Assert.Equal(
            (1, 5, 1),
            (receiver.Count(FaultOutcome.Slow), receiver.Count(FaultOutcome.KeyInProgress), receiver.Count(FaultOutcome.Duplicate)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task Post_WithoutAKey_Answers400AndAcceptsNothing(string? key)
    {
        await using var receiver = await FaultyReceiver.StartAsync(FaultProfile.None);

        Assert.Equal(400, await Webhooks.StatusAsync(_client, receiver.Url, key));

        Assert.Empty(receiver.Accepted);
        Assert.Equal((FaultOutcome.MissingKey, RequestState.Answered, (int?)400), Outcome(receiver.Received.Single()));
    }

    private static (FaultOutcome, RequestState, int?) Outcome(RecordedRequest request) => (request.Outcome, request.State, request.Status);
}
