using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Reminders.Testing;

namespace Reminders.Cluster.Tests;

/// <summary>
/// A real Prometheus server (the <c>prometheus</c> binary of the Debian package prometheus) on a free loopback
/// port, with its own data directory under a temporary folder that disposal kills and deletes.
/// </summary>
internal sealed class PrometheusServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;
    private readonly StringBuilder _output = new();

    private PrometheusServer(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    }

    public HttpClient Http { get; }

    public string OutputTail
    {
        get
        {
            lock (_output)
            {
                return _output.Length <= 3000 ? _output.ToString() : _output.ToString(_output.Length - 3000, 3000);
            }
        }
    }

    /// <summary>Starts Prometheus on <paramref name="configuration"/> (YAML; relative paths are inside <paramref name="directory"/>) and waits until it is ready.</summary>
    public static async Task<PrometheusServer> StartAsync(string directory, string configuration)
    {
        var configFile = Path.Combine(directory, "prometheus.yml");
        await File.WriteAllTextAsync(configFile, configuration);
        var port = FreeTcpPort.Next();
        var start = new ProcessStartInfo("prometheus")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        foreach (var argument in new[]
        {
            $"--config.file={configFile}", $"--storage.tsdb.path={Path.Combine(directory, "data")}",
            $"--web.listen-address=127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        var server = new PrometheusServer(process, directory, port);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException(
                $"'prometheus' is not installed or not on PATH ({e.Message}); scripts/test.sh installs the Debian package prometheus when promtool is missing.", e);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await Eventually.HoldsAsync(async () => !process.HasExited && await server.IsReadyAsync(),
            $"Prometheus is ready; it wrote: {server.OutputTail}", TimeSpan.FromSeconds(30));
        return server;
    }

    /// <summary>The value of an instant query whose result is one sample, or null while it has none.</summary>
    public async Task<double?> ScalarAsync(string promql)
    {
        var result = await QueryAsync(promql);
        return result.GetArrayLength() == 1
            ? double.Parse(result[0].GetProperty("value")[1].GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture)
            : null;
    }

    /// <summary>The <c>data.result</c> array of an instant query through <c>/api/v1/query</c>.</summary>
    public async Task<JsonElement> QueryAsync(string promql)
    {
        var answer = await Http.GetFromJsonAsync<JsonElement>("/api/v1/query?query=" + Uri.EscapeDataString(promql));
        Assert.Equal("success", answer.GetProperty("status").GetString());
        return answer.GetProperty("data").GetProperty("result");
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(bounded.Token);
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task<bool> IsReadyAsync()
    {
        try
        {
            using var response = await Http.GetAsync("/-/ready");
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
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
}
