using System.ComponentModel.DataAnnotations;

namespace Reminders.Grains.Delivery;

/// <summary>How messages are delivered. Bound from <c>Reminders:Delivery</c>.</summary>
public sealed class DeliveryOptions
{
    public const string SectionName = "Reminders:Delivery";

    /// <summary>Where messages are POSTed. Trusted as given, like a kind's <c>WebhookUrl</c>: only client-supplied targets are guarded.</summary>
    /// <value>The default is none: the API host then uses its built-in development receiver.</value>
    public Uri? WebhookUrl { get; set; }

    /// <summary>
    /// Lets client-supplied webhook targets (a schedule's <c>webhookUrl</c>) reach loopback, private, link-local and
    /// other internal addresses (see <see cref="TargetAddresses"/>). For development and tests only: in production it
    /// lets any client make the service send requests into its own network.
    /// </summary>
    /// <value>The default is false.</value>
    public bool AllowPrivateTargets { get; set; }

    /// <summary>
    /// When set, client-supplied webhook targets must be on one of these hosts: an exact host, or <c>*.example.com</c>
    /// for any host below example.com (see <see cref="TargetHostPatterns"/>). Checked when a URL is accepted and at
    /// every connect. It narrows, and does not replace, the address rule.
    /// </summary>
    /// <value>The default is none: any host whose addresses are public.</value>
    public string[] AllowedTargetHosts { get; set; } = [];

    /// <summary>How long one attempt may take before it counts as failed.</summary>
    /// <value>The default is 10 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many attempts an occurrence gets before it is dead-lettered.</summary>
    /// <value>The default is 10.</value>
    [Range(1, 1000)]
    public int MaxAttempts { get; set; } = 10;

    /// <summary>The scale of the exponential backoff between attempts (full jitter).</summary>
    /// <value>The default is 10 seconds: the n-th retry waits up to 10 s × 2^(n-1).</value>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest wait between two attempts.</summary>
    /// <value>The default is 1 hour.</value>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>An occurrence first attempted more than this after its due time is marked late.</summary>
    /// <value>The default is 1 minute, the reminder safety-net period.</value>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan LateAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Standard Webhooks signing secrets, each <c>whsec_</c> followed by the base64 of at least 24 random bytes.
    /// Every request is signed with each of them, so during a rotation a receiver holding the old or the new one
    /// verifies (see <see cref="WebhookSigner"/>).
    /// </summary>
    /// <value>The default is none: webhooks are sent unsigned, and a warning at startup says so.</value>
    public string[] SigningSecrets { get; set; } = [];

    /// <summary>
    /// How many attempts the cluster may have on the wire at once; more wait their turn (delayed, not dropped). Each
    /// active silo takes its part (see <see cref="ClusterShare"/>), unless <see cref="SplitLimitsAcrossCluster"/> is off.
    /// </summary>
    /// <value>The default is 200.</value>
    [Range(1, 100_000)]
    public int MaxInFlight { get; set; } = 200;

    /// <summary>
    /// Attempts per second the cluster sends to one target host; more wait for a token (delayed, not dropped). Each
    /// active silo takes its part (see <see cref="ClusterShare"/>), unless <see cref="SplitLimitsAcrossCluster"/> is off.
    /// </summary>
    /// <value>The default is 2000: a 09:00 herd of 10,000 to one receiver drains in about five seconds.</value>
    [Range(1, 1_000_000)]
    public int TargetRatePerSecond { get; set; } = 2000;

    /// <summary>
    /// Whether <see cref="MaxInFlight"/> and <see cref="TargetRatePerSecond"/> are budgets of the whole cluster, split
    /// among the active silos, or of each silo (the behaviour before 2026-12, for comparisons).
    /// </summary>
    /// <value>The default is true.</value>
    public bool SplitLimitsAcrossCluster { get; set; } = true;

    /// <summary>The share of failed attempts to one host, over <see cref="CircuitSamplingDuration"/>, that opens its circuit.</summary>
    /// <value>The default is 0.5.</value>
    [Range(0.01, 1.0)]
    public double CircuitFailureRatio { get; set; } = 0.5;

    /// <summary>How many attempts the sampling window needs before the circuit may open.</summary>
    /// <value>The default is 20.</value>
    [Range(2, 100_000)]
    public int CircuitMinimumThroughput { get; set; } = 20;

    /// <summary>The window the failure ratio is measured over.</summary>
    /// <value>The default is 30 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan CircuitSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit defers attempts before one is let through to probe the host.</summary>
    /// <value>The default is 30 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How much longer than <see cref="AttemptTimeout"/> a claim holds: the time an attempt may wait for its target's
    /// rate limit, and for its outcome to be written, after the claim. Until the claim runs out, another activation
    /// that finds the occurrence dispatching waits (the attempt may still be on the wire) rather than resending.
    /// </summary>
    /// <value>The default is 5 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ClaimLeaseMargin { get; set; } = TimeSpan.FromSeconds(5);
}
