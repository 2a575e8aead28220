using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Reminders.Grains.Delivery;

namespace Reminders.Testing;

/// <summary>
/// A resolver that answers only the names a test stages, in order: a name staged with two answers resolves to the
/// first once and to the last ever after, which is DNS rebinding in two lines. Any other name does not resolve,
/// as in a sandbox without DNS.
/// </summary>
public sealed class StagedHostResolver : ITargetHostResolver
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<IPAddress[]>> _answers = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<string> _asked = new();

    /// <summary>Every name asked for, in order.</summary>
    public IReadOnlyList<string> Asked => [.. _asked];

    /// <summary>Makes <paramref name="host"/> resolve to each of <paramref name="answers"/> in turn, then to the last one.</summary>
    public void Stage(string host, params string[][] answers) =>
        _answers[host] = new ConcurrentQueue<IPAddress[]>(answers.Select(a => a.Select(IPAddress.Parse).ToArray()));

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        _asked.Enqueue(host);
        if (!_answers.TryGetValue(host, out var answers))
        {
            return Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound));
        }

        // Keep the last answer for every later lookup.
        var answer = answers.Count > 1 && answers.TryDequeue(out var next) ? next : answers.TryPeek(out var last) ? last : [];
        return Task.FromResult(answer);
    }
}
