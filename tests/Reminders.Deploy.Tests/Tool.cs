using System.ComponentModel;
using System.Diagnostics;

namespace Reminders.Deploy.Tests;

/// <summary>Runs a command-line tool from the repository root; a missing tool fails the test, naming the fix.</summary>
internal static class Tool
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static ToolResult Run(string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"'{fileName}' did not start.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException(
                $"'{fileName}' is not installed or not on PATH ({e.Message}). scripts/test.sh installs docker-compose, kubectl and promtool when they are missing.", e);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"'{fileName} {string.Join(' ', arguments)}' took more than two minutes.");
            }
            return new ToolResult(process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Reminders.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"No Reminders.sln above {AppContext.BaseDirectory}.");
    }
}

internal sealed record ToolResult(int ExitCode, string Output, string Error)
{
    /// <summary>The output, after asserting a zero exit code (the message carries the tool's error output).</summary>
    public string Succeeded()
    {
        Assert.True(ExitCode == 0, $"exit code {ExitCode}: {Error}");
        return Output;
    }
}
