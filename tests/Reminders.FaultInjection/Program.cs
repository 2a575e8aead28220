namespace Reminders.FaultInjection;

/// <summary>Runs a <see cref="FaultyReceiver"/> for demos until Ctrl+C, printing a summary line whenever the counts change.</summary>
internal static class Program
{
    private static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(5);

    public static async Task<int> Main(string[] args)
    {
        ReceiverCommandLine command;
        try
        {
            command = ReceiverCommandLine.Parse(args);
        }
        catch (FormatException ex)
        {
            await Console.Error.WriteLineAsync($"{ex.Message}\n\n{ReceiverCommandLine.Usage}");
            return 2;
        }

        if (command.ShowHelp)
        {
            Console.WriteLine(ReceiverCommandLine.Usage);
            return 0;
        }

        FaultyReceiver receiver;
        try
        {
            receiver = await FaultyReceiver.StartAsync(command.Profile, port: command.Port);
        }
        catch (IOException ex)
        {
            await Console.Error.WriteLineAsync($"Cannot listen on 127.0.0.1:{command.Port}: {ex.Message}");
            return 1;
        }

        await using (receiver)
        {
            Console.WriteLine($"Faulty receiver: POST {receiver.Url} (any path), GET {receiver.BaseAddress}requests and {receiver.BaseAddress}requests/all");
            Console.WriteLine($"{command.Profile.Describe()}; seed {receiver.Seed}. Ctrl+C stops it.");
            await ReportUntilStoppedAsync(receiver);
            Console.WriteLine(receiver.Summary.ToLine());
        }

        return 0;
    }

    private static async Task ReportUntilStoppedAsync(FaultyReceiver receiver)
    {
        using var timer = new PeriodicTimer(ReportEvery, TimeProvider.System);
        var last = "";
        try
        {
            while (await timer.WaitForNextTickAsync(receiver.Stopping))
            {
                var line = receiver.Summary.ToLine();
                if (line != last)
                {
                    Console.WriteLine($"{TimeProvider.System.GetLocalNow():HH:mm:ss} {line}");
                    last = line;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C or SIGTERM: the host's console lifetime began stopping the receiver.
        }
    }
}
