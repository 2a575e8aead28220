using System.Diagnostics;

namespace Reminders.Testing;

/// <summary>
/// The release before this one, built from its commit for rolling-upgrade tests. The commit is named in one place,
/// <c>scripts/previous-release</c> (bump it when a release lands). Its source comes from this clone's history
/// (<c>git archive</c>) into a folder under the temporary directory keyed by the commit, where it is built once:
/// a second run finds the build there.
/// </summary>
public sealed class PreviousRelease
{
    private const string Configuration = "Release";

    private PreviousRelease(string commit, string folder)
    {
        Commit = commit;
        Folder = folder;
    }

    public string Commit { get; }

    /// <summary>Where its source tree and build output live.</summary>
    public string Folder { get; }

    /// <summary>The built API host and worker silo assemblies.</summary>
    public string ApiAssembly => Path.Combine(Folder, "src", "Api", "bin", Configuration, "net10.0", "Reminders.Api.dll");

    public string SiloAssembly => Path.Combine(Folder, "src", "Silo", "bin", Configuration, "net10.0", "Reminders.Silo.dll");

    /// <summary>The commit <c>scripts/previous-release</c> names.</summary>
    public static string NamedCommit() =>
        File.ReadAllText(Path.Combine(SiloProcess.RepositoryRoot(), "scripts", "previous-release")).Trim();

    /// <summary>Builds <paramref name="commit"/> (the one <c>scripts/previous-release</c> names when null), or finds it built.</summary>
    public static async Task<PreviousRelease> BuildAsync(string? commit = null)
    {
        var root = SiloProcess.RepositoryRoot();
        commit ??= NamedCommit();
        var (found, _) = await RunAsync("git", root, "cat-file", "-e", commit + "^{commit}");
        if (found != 0)
        {
            throw new InvalidOperationException(
                $"The previous release's commit {commit} (scripts/previous-release) is not in this clone of the repository at {root}. " +
                "A shallow clone (as CI makes with --depth) lacks it: fetch the history with 'git fetch --unshallow' " +
                $"(or 'git fetch origin {commit}') and run the test again.");
        }

        var folder = Path.Combine(Path.GetTempPath(), "reminders-previous-release", commit);
        var source = Path.Combine(folder, "source");
        var release = new PreviousRelease(commit, source);
        var built = Path.Combine(folder, ".built");
        Directory.CreateDirectory(folder);

        // One build at a time, across test processes too: the lock file is held open until this one is done.
        await using var gate = await LockAsync(Path.Combine(folder, ".lock"));
        if (File.Exists(built) && File.Exists(release.ApiAssembly) && File.Exists(release.SiloAssembly))
        {
            return release;
        }

        if (Directory.Exists(source))
        {
            Directory.Delete(source, recursive: true); // what an interrupted build left
        }

        Directory.CreateDirectory(source);
        var archive = Path.Combine(folder, "source.tar");
        await MustAsync("git", root, "archive", "--format=tar", "-o", archive, commit);
        await MustAsync("tar", folder, "-xf", archive, "-C", source);
        File.Delete(archive);

        foreach (var project in new[] { "src/Api/Reminders.Api.csproj", "src/Silo/Reminders.Silo.csproj" })
        {
            await MustAsync("dotnet", source, "build", project, "-c", Configuration, "-nologo", "-v", "quiet");
        }

        await File.WriteAllTextAsync(built, commit);
        return release;
    }

    private static async Task<FileStream> LockAsync(string path)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (waited.Elapsed < TimeSpan.FromMinutes(20))
            {
                await Task.Delay(TimeSpan.FromSeconds(1)); // another test process is building it
            }
        }
    }

    private static async Task MustAsync(string program, string directory, params string[] arguments)
    {
        var (exit, output) = await RunAsync(program, directory, arguments);
        if (exit != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} (in {directory}) exited with {exit}:\n{output}");
        }
    }

    private static async Task<(int Exit, string Output)> RunAsync(string program, string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
