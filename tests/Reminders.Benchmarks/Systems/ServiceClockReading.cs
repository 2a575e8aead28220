using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Reminders.Benchmarks.Systems;

/// <summary>
/// The service clock as our API reports it on <c>/health/live</c>, paired with the real clock at the same moment,
/// so that instants on the two clocks can be compared (exactly at speed 1; to within the speed times the error otherwise).
/// </summary>
public sealed record ServiceClockReading(DateTimeOffset ServiceNow, DateTimeOffset RealNow, TimeSpan RoundTrip)
{
    /// <summary>How far the service clock is ahead of the real one.</summary>
    public TimeSpan Offset => ServiceNow - RealNow;

    /// <summary>The best of a few readings: the one with the shortest round trip, its real time taken at the midpoint.</summary>
    public static async Task<ServiceClockReading> ReadAsync(Uri baseAddress, int samples = 5)
    {
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };
        ServiceClockReading? best = null;
        for (var i = 0; i < samples; i++)
        {
            var before = DateTimeOffset.UtcNow;
            var timer = Stopwatch.StartNew();
            var health = await http.GetFromJsonAsync<JsonElement>("/health/live");
            var roundTrip = timer.Elapsed;
            var serviceNow = DateTimeOffset.Parse(health.GetProperty("clock").GetProperty("now").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            var reading = new ServiceClockReading(serviceNow, before + roundTrip / 2, roundTrip);
            if (best is null || reading.RoundTrip < best.RoundTrip)
            {
                best = reading;
            }
        }

        return best!;
    }
}
