using NodaTime;

namespace Reminders.Grains.Interfaces.Serialization;

/// <summary>Orleans wire and storage form of a NodaTime ISO <see cref="LocalDateTime"/>.</summary>
[GenerateSerializer, Immutable, Alias("Reminders.LocalDateTime")]
public readonly record struct LocalDateTimeSurrogate(
    [property: Id(0)] LocalDateSurrogate Date,
    [property: Id(1)] long NanosecondOfDay);

/// <summary>Converts <see cref="LocalDateTime"/> to and from <see cref="LocalDateTimeSurrogate"/>.</summary>
[RegisterConverter]
public sealed class LocalDateTimeSurrogateConverter : IConverter<LocalDateTime, LocalDateTimeSurrogate>
{
    public LocalDateTime ConvertFromSurrogate(in LocalDateTimeSurrogate surrogate) =>
        new LocalDate(surrogate.Date.Year, surrogate.Date.Month, surrogate.Date.Day)
            .At(LocalTime.FromNanosecondsSinceMidnight(surrogate.NanosecondOfDay));

    public LocalDateTimeSurrogate ConvertToSurrogate(in LocalDateTime value) =>
        new(new LocalDateSurrogate(value.Year, value.Month, value.Day), value.NanosecondOfDay);
}
