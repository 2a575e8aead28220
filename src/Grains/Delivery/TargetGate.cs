using System.Threading.RateLimiting;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Reminders.Grains.Delivery;

/// <summary>
/// One target host's protection: a token bucket that delays attempts beyond its rate (they wait, they are not
/// dropped), a circuit breaker that defers attempts while the host keeps failing (they are not burned), and
/// the per-attempt timeout. All on real elapsed time: a travelling service clock must not change how hard
/// a real receiver is hit.
/// </summary>
public sealed class TargetGate : IAsyncDisposable
{
    // Waiters beyond this are deferred rather than queued in memory without bound.
    private const int MaxQueued = 100_000;

    private readonly ResiliencePipeline<DeliveryResult> _pipeline;
    private readonly TimeSpan _breakDuration;
    private TokenBucketRateLimiter _rate;
    private int _ratePerSecond;

    /// <param name="ratePerSecond">This silo's part of the target's rate (see <see cref="ClusterShare"/>).</param>
    public TargetGate(DeliveryOptions options, int ratePerSecond)
    {
        _breakDuration = options.CircuitBreakDuration;
        _ratePerSecond = ratePerSecond;
        _rate = Bucket(ratePerSecond);
        _pipeline = new ResiliencePipelineBuilder<DeliveryResult> { TimeProvider = TimeProvider.System }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<DeliveryResult>
            {
                FailureRatio = options.CircuitFailureRatio,
                MinimumThroughput = options.CircuitMinimumThroughput,
                SamplingDuration = options.CircuitSamplingDuration,
                BreakDuration = options.CircuitBreakDuration,

                // What says the host is unwell: no answer, or a 5xx, 408 or 429. A permanent 4xx is about the
                // request, not the host.
                ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                {
                    { Exception: TimeoutRejectedException or HttpRequestException } => true,
                    { Result: { Delivered: false, Permanent: false, Deferred: false } } => true,
                    _ => false,
                }),
            })
            .AddTimeout(options.AttemptTimeout)
            .Build();
    }

    /// <summary>Waits for the rate limit, then runs <paramref name="send"/> through the breaker and the timeout.</summary>
    /// <exception cref="TimeoutRejectedException">The attempt took longer than the attempt timeout.</exception>
    public async Task<DeliveryResult> SendAsync(Func<CancellationToken, ValueTask<DeliveryResult>> send, CancellationToken cancellationToken)
    {
        using var lease = await AcquireAsync(cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            return DeliveryResult.Defer("too many attempts are waiting for this target's rate limit", TimeSpan.FromSeconds(1));
        }

        try
        {
            return await _pipeline.ExecuteAsync(static (send, ct) => send(ct), send, cancellationToken).ConfigureAwait(false);
        }
        catch (BrokenCircuitException ex)
        {
            return DeliveryResult.Defer("the target's circuit is open after repeated failures", ex.RetryAfter ?? _breakDuration);
        }
    }

    /// <summary>
    /// Replaces the bucket with one of the new rate. Waiters on the old one are failed by its disposal and queue
    /// again on the new one; the new bucket starts full, one second's worth, the tolerance the README states.
    /// </summary>
    public void SetRate(int ratePerSecond)
    {
        if (Interlocked.Exchange(ref _ratePerSecond, ratePerSecond) != ratePerSecond)
        {
            Interlocked.Exchange(ref _rate, Bucket(ratePerSecond)).Dispose();
        }
    }

    public ValueTask DisposeAsync() => Volatile.Read(ref _rate).DisposeAsync();

    private async Task<RateLimitLease> AcquireAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var bucket = Volatile.Read(ref _rate);
            try
            {
                var lease = await bucket.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
                if (lease.IsAcquired || bucket == Volatile.Read(ref _rate))
                {
                    return lease;
                }

                lease.Dispose(); // failed by a resize: wait on the new bucket
            }
            catch (ObjectDisposedException) when (bucket != Volatile.Read(ref _rate))
            {
                // replaced between the read and the call
            }
        }
    }

    private static TokenBucketRateLimiter Bucket(int ratePerSecond) => new(new TokenBucketRateLimiterOptions
    {
        TokenLimit = ratePerSecond,
        TokensPerPeriod = ratePerSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = MaxQueued,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        AutoReplenishment = true,
    });
}
