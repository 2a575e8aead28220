namespace Reminders.Api.Docs;

/// <summary>
/// Declares, for the OpenAPI document, what a handler reads and the problems it answers itself. Bodies are read
/// by hand (<see cref="Validation.JsonBodyReader"/>), so the generator cannot see them: a JSON body is declared
/// with the problems reading one can give, 400 (a validation problem naming each field), 413 and 415;
/// declare each status once per route.
/// </summary>
public static class ProblemResponses
{
    public static RouteHandlerBuilder AcceptsJson<TBody>(this RouteHandlerBuilder builder, bool optional = false) where TBody : notnull =>
        builder.WithMetadata(new DocumentedBody(typeof(TBody), optional)).ProducesProblems(StatusCodes.Status400BadRequest,
            StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType);

    /// <summary>400 as a validation problem (its <c>errors</c> name each rejected field), any other status as a problem.</summary>
    public static RouteHandlerBuilder ProducesProblems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses)
        {
            _ = status == StatusCodes.Status400BadRequest ? builder.ProducesValidationProblem() : builder.ProducesProblem(status);
        }

        return builder;
    }
}
