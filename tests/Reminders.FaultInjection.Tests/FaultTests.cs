using System.Diagnostics;
using Reminders.Testing;

namespace Reminders.FaultInjection.Tests;

/// <summary>
/// Each fault as the client sees it, and what it leaves behind: a fault never accepts the key, and frees it
/// for the next attempt. Hangs and slow answers run on a fake delay clock, so nothing waits on real time.
/// </summary>
public sealed class FaultTests : IDisposable
{
    private readonly HttpClient _client = new();
    private readonly DelayClock _delays = new();

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task Error_Answers500AndLeavesTheKeyFreeForARetry()
    {
        await using var receiver = await FaultyReceiver.StartAsync(new FaultProfile { ErrorShare = 1 });

        Assert.Equal(500, await Webhooks.StatusAsync(_client, receiver.Url, "k"));
        Assert.Empty(receiver.Accepted);

        receiver.Profile = FaultProfile.None;
        Assert.Equal(200, await Webhooks.StatusAsync(_client, receiver.Url, "k"));
        Assert.Equal(["k"], receiver.Accepted);
        Assert.Equal(0, receiver.DuplicateAcceptances);
    }

    [Fact]
    public async Task Throttle_Answers429WithRetryAfter()
    {
        await using var receiver = await FaultyReceiver.StartAsync(new FaultProfile { ThrottleShare = 1, RetryAfterSeconds = 7 });

        using var response = await Webhooks.PostAsync(_client, receiver.Url, "k");

        Assert.Equal(429, (int)response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter?.Delta);
        Assert.Empty(receiver.Accepted);
        Assert.Empty(receiver.KeysInProgress);
    }

    [Fact]
    public async Task Hang_EndsAbortedWhenTheClientCancels()
    {
        await using var receiver = await FaultyReceiver.StartAsync(new FaultProfile { HangShare = 1 }, delays: _delays);
        using var cancel = new CancellationTokenSource();
        var post = Webhooks.PostAsync(_client, receiver.Url, "k", cancel.Token);
        await Eventually.HoldsAsync(() => _delays.Waits == 1, "the receiver is hanging");

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => post);
        await Eventually.HoldsAsync(() => receiver.Received.Single().State == RequestState.Aborted, "the receiver saw the client give up");
        Assert.Equal((FaultOutcome.Hang, (int?)null), (receiver.Received.Single().Outcome, receiver.Received.Single().Status));
        Assert.Empty(receiver.Accepted);
        Assert.Empty(receiver.KeysInProgress);
    }

    [Fact]
    public async Task Hang_RunsItsDurationThenDropsTheConnectionWithoutAnswering()
    {
        await using var receiver = await FaultyReceiver.StartAsync(new FaultProfile { HangShare = 1, HangDuration = TimeSpan.FromSeconds(90) }, delays: _delays);
        var post = Webhooks.PostAsync(_client, receiver.Url, "k");
        await Eventually.HoldsAsync(() => _delays.Waits == 1, "the receiver is hanging");

        _delays.Advance(TimeSpan.FromSeconds(89));
        Assert.Equal(["k"], receiver.KeysInProgress);
        _delays.Advance(TimeSpan.FromSeconds(1));

        await Assert.ThrowsAsync<HttpRequestException>(() => post);
        Assert.Equal((FaultOutcome.Hang, RequestState.Dropped, (int?)null), Outcome(receiver.Received.Single()));
        Assert.Empty(receiver.KeysInProgress);
        Assert.Empty(receiver.Accepted);
    }

    [Fact]
    public async Task Slow_Answers200AfterTheDelayAndAcceptsTheKey()
    {
        await using var receiver = await FaultyReceiver.StartAsync(new FaultProfile { SlowShare = 1, SlowDelay = TimeSpan.FromSeconds(3) }, delays: _delays);
        var post = Webhooks.PostAsync(_client, receiver.Url, "k");
        await Eventually.HoldsAsync(() => _delays.Waits == 1, "the receiver is taking its time");

        _delays.Advance(TimeSpan.FromMilliseconds(2_999));
        Assert.Equal(409, await Webhooks.StatusAsync(_client, receiver.Url, "k"));
        _delays.Advance(TimeSpan.FromMilliseconds(1));

        using var response = await post;
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal((FaultOutcome.Slow, RequestState.Answered, (int?)200), Outcome(receiver.Received[0]));
        Assert.Equal(["k"], receiver.Accepted);
    }

    [Fact]
    public async Task Slow_ClientGivesUpFirst_IsAbortedAndNotAccepted()
    {
        await using var receiver = await FaultyReceiver.StartAsync(new FaultProfile { SlowShare = 1 }, delays: _delays);
        using var cancel = new CancellationTokenSource();
        var post = Webhooks.PostAsync(_client, receiver.Url, "k", cancel.Token);
        await Eventually.HoldsAsync(() => _delays.Waits == 1, "the receiver is taking its time");

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => post);
        await Eventually.HoldsAsync(() => receiver.Received.Single().State == RequestState.Aborted, "the receiver saw the client give up");
        Assert.Empty(receiver.Accepted);
        Assert.Empty(receiver.KeysInProgress);
    }

    [Fact]
    public async Task DisposeAsync_WhileARequestHangs_DropsItAtOnce()
    {
        var receiver = await FaultyReceiver.StartAsync(new FaultProfile { HangShare = 1 }, delays: _delays);
        var post = Webhooks.PostAsync(_client, receiver.Url, "k");
        await Eventually.HoldsAsync(() => receiver.KeysInProgress.Count == 1, "the receiver is hanging");

        var stopping = Stopwatch.StartNew();
        await receiver.DisposeAsync();

        // Well inside the 5 s shutdown timeout: the hang ended when stopping began, not when the host gave up on it.
        Assert.InRange(stopping.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(3));
        await Assert.ThrowsAsync<HttpRequestException>(() => post);
        Assert.Equal((FaultOutcome.Hang, RequestState.Dropped, (int?)null), Outcome(receiver.Received.Single()));
    }

    private static (FaultOutcome, RequestState, int?) Outcome(RecordedRequest request) => (request.Outcome, request.State, request.Status);
}
