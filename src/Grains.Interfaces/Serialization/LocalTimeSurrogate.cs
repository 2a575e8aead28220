using NodaTime;

namespace Reminders.Grains.Interfaces.Serialization;

/// <summary>Orleans wire and storage form of a NodaTime <see cref="LocalTime"/>.</summary>
[GenerateSerializer, Immutable, Alias("Reminders.LocalTime")]
public readonly record struct LocalTimeSurrogate([property: Id(0)] long NanosecondOfDay);

/// <summary>Converts <see cref="LocalTime"/> to and from <see cref="LocalTimeSurrogate"/>.</summary>
[RegisterConverter]
public sealed class LocalTimeSurrogateConverter : IConverter<LocalTime, LocalTimeSurrogate>
{
    public LocalTime ConvertFromSurrogate(in LocalTimeSurrogate surrogate) =>
        LocalTime.FromNanosecondsSinceMidnight(surrogate.NanosecondOfDay);

    public LocalTimeSurrogate ConvertToSurrogate(in LocalTime value) => new(value.NanosecondOfDay);
}
