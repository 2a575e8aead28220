using NodaTime;

namespace Reminders.Grains.Interfaces.Serialization;

/// <summary>Orleans wire and storage form of a NodaTime ISO <see cref="LocalDate"/>.</summary>
[GenerateSerializer, Immutable, Alias("Reminders.LocalDate")]
public readonly record struct LocalDateSurrogate(
    [property: Id(0)] int Year,
    [property: Id(1)] int Month,
    [property: Id(2)] int Day);

/// <summary>Converts <see cref="LocalDate"/> to and from <see cref="LocalDateSurrogate"/>.</summary>
[RegisterConverter]
public sealed class LocalDateSurrogateConverter : IConverter<LocalDate, LocalDateSurrogate>
{
    public LocalDate ConvertFromSurrogate(in LocalDateSurrogate surrogate) =>
        new(surrogate.Year, surrogate.Month, surrogate.Day);

    public LocalDateSurrogate ConvertToSurrogate(in LocalDate value) => new(value.Year, value.Month, value.Day);
}
