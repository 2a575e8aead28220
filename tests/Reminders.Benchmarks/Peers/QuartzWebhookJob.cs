using Quartz;

namespace Reminders.Benchmarks.Peers;

/// <summary>
/// The one durable Quartz job every plan trigger fires: it posts the key its trigger carries in its
/// <see cref="JobDataMap"/> to the receiver.
/// </summary>
/// <remarks>
/// One job with data on each trigger is how Quartz's documentation has a job "stored in the scheduler for
/// regular/repeated use by multiple triggers" take different inputs per firing; it stores one row per trigger
/// instead of two.
/// </remarks>
public sealed class QuartzWebhookJob(Uri receiver) : IJob
{
    /// <summary>The trigger data entry holding the plan key.</summary>
    public const string KeyEntry = "key";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var key = context.MergedJobDataMap.GetString(KeyEntry)
            ?? throw new JobExecutionException($"Trigger {context.Trigger.Key} carries no '{KeyEntry}'.");
        try
        {
            await PeerWebhook.PostAsync(receiver, key, cancellationToken);
        }
        catch (Exception e) when ((e is HttpRequestException or TaskCanceledException) && !cancellationToken.IsCancellationRequested)
        {
            // A failed delivery is a failed firing: thrown as Quartz's own exception so the retry policy applies.
            throw new JobExecutionException($"Delivering {key} failed: {e.Message}", e);
        }
    }
}
