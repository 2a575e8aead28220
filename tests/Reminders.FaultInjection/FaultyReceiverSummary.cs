using System.Globalization;
using System.Text;

namespace Reminders.FaultInjection;

/// <summary>Counts over everything a <see cref="FaultyReceiver"/> has received so far.</summary>
/// <param name="Received">Requests recorded.</param>
/// <param name="Pending">Requests still being handled (hanging or slow).</param>
/// <param name="AcceptedKeys">Distinct keys accepted.</param>
/// <param name="DuplicateAcceptances">Requests for a key already accepted: copies a receiver that does not deduplicate would have accepted again.</param>
/// <param name="Seed">The seed of the draws.</param>
/// <param name="Outcomes">Requests per outcome, every outcome listed.</param>
public sealed record FaultyReceiverSummary(
    int Received,
    int Pending,
    int AcceptedKeys,
    int DuplicateAcceptances,
    int Seed,
    IReadOnlyDictionary<FaultOutcome, int> Outcomes)
{
    /// <summary>One line for a console: <c>received 120 (2 pending): Ok 80, Error 12, ... | accepted keys 85, duplicate acceptances 8</c>.</summary>
    public string ToLine()
    {
        var line = new StringBuilder();
        line.Append(CultureInfo.InvariantCulture, $"received {Received} ({Pending} pending): ");
        line.AppendJoin(", ", Outcomes.Select(o => string.Create(CultureInfo.InvariantCulture, $"{o.Key} {o.Value}")));
        line.Append(CultureInfo.InvariantCulture, $" | accepted keys {AcceptedKeys}, duplicate acceptances {DuplicateAcceptances}");
        return line.ToString();
    }
}
