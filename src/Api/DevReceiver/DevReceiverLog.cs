using System.Collections.Concurrent;
using System.Text.Json;

namespace Reminders.Api.DevReceiver;

/// <summary>What the development receiver got, newest last, bounded so a long demo cannot exhaust memory.</summary>
public sealed class DevReceiverLog(TimeProvider clock)
{
    private const int Capacity = 10_000;
    private readonly ConcurrentQueue<ReceivedMessage> _messages = new();
    private readonly ConcurrentDictionary<string, byte> _keys = new();

    public ReceivedMessage Record(string? idempotencyKey, JsonElement body)
    {
        var duplicate = idempotencyKey is not null && !_keys.TryAdd(idempotencyKey, 0);
        var message = new ReceivedMessage(idempotencyKey, clock.GetUtcNow(), body.Clone(), duplicate);
        _messages.Enqueue(message);
        while (_messages.Count > Capacity && _messages.TryDequeue(out _))
        {
        }

        return message;
    }

    public IReadOnlyList<ReceivedMessage> Newest() => [.. _messages.Reverse()];
}

/// <summary>One request received; <paramref name="Duplicate"/> when its key was seen before.</summary>
public sealed record ReceivedMessage(string? IdempotencyKey, DateTimeOffset ReceivedUtc, JsonElement Body, bool Duplicate);
