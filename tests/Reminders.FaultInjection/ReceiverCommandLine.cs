using System.Globalization;

namespace Reminders.FaultInjection;

/// <summary>The command line of the faulty receiver program: a port and a <see cref="FaultProfile"/>.</summary>
/// <param name="Port">The loopback port; 0 picks a free one.</param>
/// <param name="ShowHelp">Whether <c>--help</c> was asked for.</param>
public sealed record ReceiverCommandLine(int Port, FaultProfile Profile, bool ShowHelp = false)
{
    public const int DefaultPort = 5099;

    private static readonly string[] Options =
        ["--port", "--errors", "--hangs", "--hang", "--slow", "--slow-delay", "--throttle", "--retry-after", "--duplicate-status", "--seed"];

    public const string Usage = """
        Usage: dotnet run --project tests/Reminders.FaultInjection -- [options]

        A webhook receiver on 127.0.0.1 that fails like a real one, deduplicates on Idempotency-Key and records
        every request. POST to any path delivers; GET /requests is the summary, GET /requests/all the log.

          --port <n>              loopback port (default 5099; 0 picks a free one)
          --errors <share>        share of fresh requests answered 500 (0 to 1, default 0)
          --hangs <share>         share never answered until the client gives up or --hang passes (default 0)
          --hang <duration>       how long a hang lasts before the connection is dropped (default 60s)
          --slow <share>          share answered 200 after --slow-delay (default 0)
          --slow-delay <duration> (default 2s)
          --throttle <share>      share answered 429 with Retry-After (default 0)
          --retry-after <seconds> (default 5)
          --duplicate-status <n>  answer for an already accepted key (default 200)
          --seed <n>              seed of the draws, to repeat a run (default: picked and printed)
          -h, --help              this text

        Shares sum to at most 1. Durations: 500ms, 2s, 1.5m, 1h, or plain seconds.
        Example: --port 5099 --errors 0.1 --hangs 0.05 --slow 0.05 --slow-delay 2s --throttle 0.05 --retry-after 5 --hang 60s --seed 42
        """;

    /// <summary>Reads <c>--name value</c> or <c>--name=value</c> options.</summary>
    /// <exception cref="FormatException">An unknown option, a missing or bad value, or an invalid profile, named.</exception>
    public static ReceiverCommandLine Parse(IReadOnlyList<string> args)
    {
        var port = DefaultPort;
        var profile = new FaultProfile();
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] is "-h" or "--help")
            {
                return new ReceiverCommandLine(port, profile, ShowHelp: true);
            }

            var (name, inlineValue) = args[i].Split('=', 2) is [var n, var v] ? (n, v) : (args[i], null);
            if (!Options.Contains(name))
            {
                throw new FormatException(name.StartsWith("--", StringComparison.Ordinal)
                    ? $"Unknown option '{name}'."
                    : $"Unexpected argument '{name}': options start with --.");
            }

            var value = inlineValue ?? NextValue(args, ref i);
            switch (name)
            {
                case "--port":
                    port = Integer(name, value, 0, 65_535);
                    break;
                case "--errors":
                    profile = profile with { ErrorShare = Share(name, value) };
                    break;
                case "--hangs":
                    profile = profile with { HangShare = Share(name, value) };
                    break;
                case "--hang":
                    profile = profile with { HangDuration = Duration(name, value) };
                    break;
                case "--slow":
                    profile = profile with { SlowShare = Share(name, value) };
                    break;
                case "--slow-delay":
                    profile = profile with { SlowDelay = Duration(name, value) };
                    break;
                case "--throttle":
                    profile = profile with { ThrottleShare = Share(name, value) };
                    break;
                case "--retry-after":
                    profile = profile with { RetryAfterSeconds = Integer(name, value, 0, 86_400) };
                    break;
                case "--duplicate-status":
                    profile = profile with { DuplicateStatus = Integer(name, value, 200, 599) };
                    break;
                case "--seed":
                    profile = profile with { Seed = Integer(name, value, int.MinValue, int.MaxValue) };
                    break;
            }
        }

        var problems = profile.Problems();
        return problems.Count == 0
            ? new ReceiverCommandLine(port, profile)
            : throw new FormatException($"Invalid fault profile: {string.Join("; ", problems)}.");
    }

    /// <summary><c>500ms</c>, <c>2s</c>, <c>1.5m</c>, <c>1h</c>, or plain seconds.</summary>
    public static TimeSpan Duration(string name, string value)
    {
        var (number, unit) = value switch
        {
            _ when value.EndsWith("ms", StringComparison.Ordinal) => (value[..^2], 0.001),
            _ when value.EndsWith('s') => (value[..^1], 1.0),
            _ when value.EndsWith('m') => (value[..^1], 60.0),
            _ when value.EndsWith('h') => (value[..^1], 3600.0),
            _ => (value, 1.0),
        };
        return double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
            ? TimeSpan.FromSeconds(amount * unit)
            : throw new FormatException($"{name} takes a duration such as 500ms, 2s, 1.5m or 1h, not '{value}'.");
    }

    private static string NextValue(IReadOnlyList<string> args, ref int i) =>
        i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal)
            ? args[++i]
            : throw new FormatException($"{args[i]} needs a value.");

    private static double Share(string name, string value) =>
        double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var share) && share is >= 0 and <= 1
            ? share
            : throw new FormatException($"{name} takes a share between 0 and 1, such as 0.1, not '{value}'.");

    private static int Integer(string name, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
            ? number
            : throw new FormatException($"{name} takes a whole number from {min} to {max}, not '{value}'.");
}
