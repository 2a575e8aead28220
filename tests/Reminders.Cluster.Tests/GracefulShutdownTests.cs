using System.Collections.Concurrent;
using System.Globalization;
using Reminders.Testing;
using Xunit.Abstractions;

namespace Reminders.Cluster.Tests;

/// <summary>
/// Real silo processes on real time: a worker silo gets SIGTERM, as a pod does on a rolling deploy, in the middle
/// of a herd it shares with the API silo, while some of its deliveries are on the wire.
/// </summary>
public sealed class GracefulShutdownTests(ITestOutputHelper output)
{
    private const int UserCount = 1000;
    private const int AnsweredBeforeTheSignal = 150;
    private const int HeldAtTheSignal = 16;

    // Orleans' SiloStatus: ShuttingDown = 4, Stopping = 5, Dead = 6.
    private const int ShuttingDown = 4;
    private const int Dead = 6;

    // The hosts' default shutdown budget is 30 s; Kubernetes' grace period in deploy/k8s is 45 s.
    private static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task WorkerTerminatedMidHerd_FinishesItsInFlightAttempts_AndTheOtherSiloDeliversTheRestAtOnce_EachKeyOnce()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var receiver = await WebhookReceiver.StartAsync(TimeProvider.System);
        var started = 0;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = new ConcurrentBag<string>();
        receiver.Respond = async request =>
        {
            // The first ones are answered at once; the next few stay on the wire until the worker is shutting down.
            if (Interlocked.Increment(ref started) > AnsweredBeforeTheSignal && !release.Task.IsCompleted)
            {
                held.Add(request.IdempotencyKey!);
                await release.Task;
            }

            return 200;
        };

        // Time for two silos to start and 1,000 users to be created.
        await using var herd = await SiloProcessHerd.StartAsync("sigterm", database.ConnectionString, receiver.Url, TimeSpan.FromSeconds(90));
        var keys = await herd.CreateUsersAsync(UserCount);

        // Mid-herd, with attempts held on the wire: SIGTERM the worker, and let those attempts answer only once it
        // is leaving, so they finish during its shutdown.
        await Eventually.HoldsAsync(() => held.Count >= HeldAtTheSignal, "the herd is under way", herd.Due - TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(60));
        var signalled = TimeProvider.System.GetUtcNow();
        var exit = herd.Worker.TerminateAsync(GracePeriod);
        await Eventually.HoldsAsync(async () => await herd.SilosAsync($"status >= {ShuttingDown}") == 1, "the worker is leaving the cluster", GracePeriod);
        release.SetResult();

        var exitCode = await exit;
        var exited = TimeProvider.System.GetUtcNow();
        Assert.True(exitCode == 0, $"the worker exited with {exitCode?.ToString(CultureInfo.InvariantCulture) ?? "nothing within the grace period"}: {herd.Worker.OutputTail}");
        Assert.Equal(1, await herd.SilosAsync($"status = {Dead}"));

        // The rest within the reminders' one-minute period of the worker's exit: handed over, not left for a tick.
        await Eventually.HoldsAsync(
            () => receiver.Received.Select(r => r.IdempotencyKey).Distinct().Count() == UserCount,
            $"every user got a message (api log: {herd.Api.OutputTail})", TimeSpan.FromSeconds(50));
        var last = receiver.Received.Max(r => r.At);
        Assert.Equal(keys.Order(), receiver.Received.Select(r => r.IdempotencyKey!).Distinct().Order());

        // A graceful stop lets the attempts on the wire finish and records their outcomes. The silo that takes an
        // entity over may read its row while the leaving silo's attempt is not yet recorded (Orleans allows a brief
        // overlap of activations while ownership moves), but that claim's lease has not run out: it waits, reads the
        // row again and finds the outcome, so no key is sent twice (before leases: 0, 0, 1 and 8 of 1,000 in four runs).
        var resent = receiver.Received.GroupBy(r => r.IdempotencyKey!).Where(g => g.Count() > 1).ToList();
        Assert.Empty(resent);
        await Eventually.HoldsAsync(async () => await herd.DeliveredRowsAsync() == UserCount, "every outcome is recorded", TimeSpan.FromSeconds(30));
        Assert.False(herd.Api.HasExited, "the API silo kept running");
        output.WriteLine(
            $"{UserCount} users due at {herd.Due:O}; SIGTERM at {signalled:O} with {held.Count} attempts on the wire; " +
            $"worker exited {(exited - signalled).TotalSeconds:F1} s later; {receiver.Received.Count(r => r.At > exited)} delivered after its exit; " +
            $"last delivery {(last - signalled).TotalSeconds:F1} s after SIGTERM; {resent.Count} keys sent twice.");
        output.WriteLine(string.Join('\n', herd.Api.Output.Split('\n').Where(l => l.Contains("Woke", StringComparison.Ordinal))));
    }
}
