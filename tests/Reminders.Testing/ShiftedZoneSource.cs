using NodaTime;
using NodaTime.TimeZones;

namespace Reminders.Testing;

/// <summary>
/// NodaTime's built-in zone database with one zone's offset moved by a fixed amount at every instant, under a
/// version id of its own: what a new zone database release that changes a zone's rules looks like to the service.
/// NodaTime ships no .nzd writer, so the cluster tests load this through the <see cref="IDateTimeZoneProvider"/> seam.
/// </summary>
public sealed class ShiftedZoneSource(string zoneId, Offset shift) : IDateTimeZoneSource
{
    private readonly TzdbDateTimeZoneSource _inner = TzdbDateTimeZoneSource.Default;

    public string VersionId => $"{_inner.VersionId} with {zoneId} shifted by {shift}";

    public static IDateTimeZoneProvider Provider(string zoneId, Offset shift) => new DateTimeZoneCache(new ShiftedZoneSource(zoneId, shift));

    public DateTimeZone ForId(string id)
    {
        var zone = _inner.ForId(id);
        return id == zoneId ? new ShiftedZone(zone, shift) : zone;
    }

    public IEnumerable<string> GetIds() => _inner.GetIds();

    public string? GetSystemDefaultId() => _inner.GetSystemDefaultId();

    private sealed class ShiftedZone(DateTimeZone inner, Offset shift)
        : DateTimeZone(inner.Id, false, inner.MinOffset + shift, inner.MaxOffset + shift)
    {
        public override ZoneInterval GetZoneInterval(Instant instant)
        {
            var interval = inner.GetZoneInterval(instant);
            return new ZoneInterval(interval.Name, interval.HasStart ? interval.Start : null, interval.HasEnd ? interval.End : null,
                interval.WallOffset + shift, interval.Savings);
        }
    }
}
