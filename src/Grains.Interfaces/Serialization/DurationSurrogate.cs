using NodaTime;

namespace Reminders.Grains.Interfaces.Serialization;

/// <summary>Orleans wire and storage form of a NodaTime <see cref="Duration"/>, in ticks (catch-up windows need no finer).</summary>
[GenerateSerializer, Immutable, Alias("Reminders.Duration")]
public readonly record struct DurationSurrogate([property: Id(0)] long Ticks);

/// <summary>Converts <see cref="Duration"/> to and from <see cref="DurationSurrogate"/>.</summary>
[RegisterConverter]
public sealed class DurationSurrogateConverter : IConverter<Duration, DurationSurrogate>
{
    public Duration ConvertFromSurrogate(in DurationSurrogate surrogate) => Duration.FromTicks(surrogate.Ticks);

    public DurationSurrogate ConvertToSurrogate(in Duration value) => new(value.BclCompatibleTicks);
}
