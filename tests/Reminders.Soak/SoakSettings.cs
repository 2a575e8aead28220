using System.Globalization;

namespace Reminders.Soak;

/// <summary>The soak's command line.</summary>
/// <param name="Minutes">How long the chaos and the edits run (the checked window).</param>
/// <param name="Schedules">How many schedules (dense rules: every one, two or three minutes, in several zones).</param>
/// <param name="Users">How many users (a birthday herd at one minute of the window, and some that must not fire).</param>
/// <param name="Drain">After the window, how long at most to wait for what fell due in it.</param>
/// <param name="Seed">Seeds the workload, the chaos and the receiver's faults.</param>
public sealed record SoakSettings(double Minutes, int Schedules, int Users, TimeSpan Drain, int Seed)
{
    public const string Usage = """
        Usage: scripts/soak.sh [--minutes 3] [--schedules 1500] [--users 300] [--drain 180] [--seed n]

        Runs the API and three worker silos on a PostgreSQL server of its own, a faulty receiver (10 % 500s, 5 % hangs),
        users and schedules edited, paused, resumed and deleted along the way, and a chaos loop (kill -9 and SIGTERM of
        workers, PostgreSQL stopped hard and restarted) for the given minutes; then checks every occurrence that should
        have been delivered against what the receiver accepted. Exit 0 when nothing is missing and no copy is unexplained.
        """;

    public static SoakSettings Parse(IReadOnlyList<string> args)
    {
        var settings = new SoakSettings(3, 1500, 300, TimeSpan.FromSeconds(180), Random.Shared.Next());
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : throw new FormatException($"{args[i]} needs a value.");
            settings = args[i] switch
            {
                "--minutes" => settings with { Minutes = Number(args[i], value, 0.5, 24 * 60) },
                "--schedules" => settings with { Schedules = (int)Number(args[i], value, 0, 100_000) },
                "--users" => settings with { Users = (int)Number(args[i], value, 0, 100_000) },
                "--drain" => settings with { Drain = TimeSpan.FromSeconds(Number(args[i], value, 10, 3600)) },
                "--seed" => settings with { Seed = (int)Number(args[i], value, 0, int.MaxValue) },
                _ => throw new FormatException($"Unknown option '{args[i]}'."),
            };
            i++;
        }

        return settings;
    }

    private static double Number(string name, string value, double min, double max) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
            ? number
            : throw new FormatException($"{name} takes a number from {min} to {max}, not '{value}'.");
}
