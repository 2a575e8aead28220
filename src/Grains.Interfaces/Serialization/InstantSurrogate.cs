using NodaTime;

namespace Reminders.Grains.Interfaces.Serialization;

/// <summary>Orleans wire and storage form of a NodaTime <see cref="Instant"/>.</summary>
[GenerateSerializer, Immutable, Alias("Reminders.Instant")]
public readonly record struct InstantSurrogate([property: Id(0)] long UnixTimeTicks);

/// <summary>Converts <see cref="Instant"/> to and from <see cref="InstantSurrogate"/>.</summary>
[RegisterConverter]
public sealed class InstantSurrogateConverter : IConverter<Instant, InstantSurrogate>
{
    public Instant ConvertFromSurrogate(in InstantSurrogate surrogate) =>
        Instant.FromUnixTimeTicks(surrogate.UnixTimeTicks);

    public InstantSurrogate ConvertToSurrogate(in Instant value) => new(value.ToUnixTimeTicks());
}
