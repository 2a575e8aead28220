using System.Diagnostics;
using System.Text.Json;

namespace Reminders.Benchmarks.Peers;

/// <summary>
/// The <c>peer</c> subcommand: hosts one peer scheduler in its own process, so its CPU and memory are measured
/// apart from the harness. Protocol on standard output, one line each:
/// <c>SETTINGS {json}</c>, then (with <c>--schedule</c>) <c>SCHEDULED &lt;count&gt; &lt;ms&gt;</c>, then <c>RUNNING</c>.
/// It runs until it is killed or its standard input closes.
/// </summary>
/// <remarks>
/// <c>peer &lt;quartz|hangfire&gt; --connection &lt;npgsql&gt; --receiver &lt;url&gt; --plan &lt;file&gt; [--schedule] [--instance &lt;name&gt;]</c>
/// </remarks>
public static class PeerHost
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = Arguments.Parse(args.Skip(2));
        var connection = options.Required("connection");
        var receiver = new Uri(options.Required("receiver"));
        var instance = options.Optional("instance") ?? Environment.MachineName + "-" + Environment.ProcessId;

        await using IPeerScheduler peer = args.Length > 1 ? args[1] switch
        {
            "quartz" => new QuartzPeer(connection, receiver, instance),
            "hangfire" => new HangfirePeer(connection, receiver, instance),
            var other => throw new ArgumentException($"Unknown peer '{other}': quartz or hangfire."),
        } : throw new ArgumentException("peer needs a name: quartz or hangfire.");

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();

        await peer.PrepareAsync(stop.Token);
        Console.WriteLine("SETTINGS " + JsonSerializer.Serialize(new { name = peer.Name, settings = peer.Settings }));
        if (options.Flag("schedule"))
        {
            var plan = await PeerPlan.ReadAsync(options.Required("plan"));
            var timer = Stopwatch.StartNew();
            await peer.ScheduleAsync(plan, stop.Token);
            Console.WriteLine($"SCHEDULED {plan.Jobs.Count} {timer.ElapsedMilliseconds}");
        }

        await peer.StartAsync(stop.Token);
        Console.WriteLine("RUNNING");

        // Stop when the harness closes our standard input (or kills us).
        _ = Task.Run(async () =>
        {
            await Console.In.ReadToEndAsync(stop.Token);
            await stop.CancelAsync();
        });
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
        }

        return 0;
    }
}
