namespace Reminders.Benchmarks;

/// <summary>The benchmark harness. (To be written.)</summary>
public static class Harness
{
    public static Task<int> RunAsync(string[] args) => Task.FromResult(args.Length);
}
