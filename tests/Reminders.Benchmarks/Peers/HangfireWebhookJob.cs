namespace Reminders.Benchmarks.Peers;

/// <summary>
/// The Hangfire job every plan job becomes: <c>Schedule&lt;HangfireWebhookJob&gt;(j =&gt; j.PostAsync(key), due)</c>.
/// Built by <see cref="HangfirePeer"/>'s activator with the receiver of the running process.
/// </summary>
public sealed class HangfireWebhookJob(Uri receiver)
{
    /// <summary>Posts the key. A failure throws, which is what Hangfire's automatic retry reacts to.</summary>
    public Task PostAsync(string key) => PeerWebhook.PostAsync(receiver, key, CancellationToken.None);
}
