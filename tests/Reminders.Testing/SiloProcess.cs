using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Reminders.Testing;

/// <summary>
/// A silo host (the API or a worker) started as a real operating-system process from the build output,
/// so a test can kill it the way a machine dies: no graceful shutdown, no finally blocks.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SiloProcess(Process process, string name)
    {
        _process = process;
        Name = name;
    }

    public string Name { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The operating-system process id, for CPU and memory readings.</summary>
    public int Id => _process.Id;

    /// <summary>The last part of what the process wrote, for failure messages.</summary>
    public string OutputTail
    {
        get
        {
            lock (_output)
            {
                return _output.Length <= 4000 ? _output.ToString() : _output.ToString(_output.Length - 4000, 4000);
            }
        }
    }

    /// <summary>Everything the process wrote so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts <c>src/&lt;project&gt;</c>'s built assembly with the given environment.</summary>
    public static SiloProcess Start(string name, string project, string assembly, IReadOnlyDictionary<string, string> environment)
    {
        var path = Path.Combine(RepositoryRoot(), "src", project, "bin", BuildConfiguration(), "net10.0", assembly);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Build {project} first (scripts/test.sh builds the solution).", path);
        }

        return StartAssembly(name, path, environment);
    }

    /// <summary>Starts a built host assembly from anywhere, such as a previous release's build.</summary>
    public static SiloProcess StartAssembly(string name, string path, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet", [path])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(path)!,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var silo = new SiloProcess(process, name);
        process.OutputDataReceived += (_, e) => silo.Append(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    /// <summary>Kills the process at once, as a crash would.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>
    /// Sends SIGTERM, as an orchestrator does to stop a pod, and waits for the process to end. Returns its exit
    /// code, or null if it was still running after <paramref name="timeout"/> (then it is killed).
    /// </summary>
    public async Task<int?> TerminateAsync(TimeSpan timeout)
    {
        if (_process.HasExited)
        {
            return _process.ExitCode;
        }

        if (SendSignal(_process.Id, SigTerm) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, SIGTERM) failed: errno {Marshal.GetLastPInvokeError()}");
        }

        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            await KillAsync();
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private const int SigTerm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    /// <summary>The folder holding Reminders.sln, above the running program's own folder.</summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Reminders.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Reminders.sln not found above " + AppContext.BaseDirectory);
    }

    // The tests run from .../bin/<Configuration>/net10.0/, and the hosts were built in the same configuration.
    private static string BuildConfiguration() =>
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
}
