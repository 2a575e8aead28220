using System.Globalization;

namespace Reminders.Benchmarks.Infrastructure;

/// <summary>CPU time and memory of processes, read from <c>/proc</c> (Linux).</summary>
public static class ProcessMetrics
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>User plus system CPU seconds the processes have used so far (0 for one that is gone).</summary>
    public static double CpuSeconds(IEnumerable<int> processIds) => processIds.Sum(CpuSeconds);

    /// <summary>The sum of the processes' peak resident set sizes (VmHWM), in MiB.</summary>
    public static double PeakRssMiB(IEnumerable<int> processIds) => processIds.Sum(id => StatusKiB(id, "VmHWM:")) / 1024.0;

    /// <summary>The sum of the processes' current resident set sizes (VmRSS), in MiB.</summary>
    public static double RssMiB(IEnumerable<int> processIds) => processIds.Sum(id => StatusKiB(id, "VmRSS:")) / 1024.0;

    private static double CpuSeconds(int processId)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{processId}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // After the command: state is field 3, utime 14 and stime 15 (1-based in proc(5)), so 11 and 12 here.
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static long StatusKiB(int processId, string field)
    {
        try
        {
            var line = File.ReadLines($"/proc/{processId}/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
