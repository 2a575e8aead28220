using Microsoft.OpenApi;

namespace Reminders.Api.Docs;

/// <summary>
/// A query parameter or header that a handler reads by hand (so the generator cannot see it), as endpoint
/// metadata for <see cref="DocumentedParameterTransformer"/>. All are optional.
/// </summary>
public sealed record DocumentedParameter(string Name, ParameterLocation In, string Description, bool IsInteger = false);

/// <summary>Declares a route's hand-read query parameters and headers for the OpenAPI document.</summary>
public static class DocumentedParameters
{
    public static RouteHandlerBuilder WithQuery(this RouteHandlerBuilder builder, string name, string description, bool isInteger = false) =>
        builder.WithMetadata(new DocumentedParameter(name, ParameterLocation.Query, description, isInteger));

    /// <summary>Keyset paging: <c>limit</c> and the <c>after</c> token of the previous page.</summary>
    public static RouteHandlerBuilder WithPaging(this RouteHandlerBuilder builder, int defaultLimit, int maxLimit) => builder
        .WithQuery("limit", $"Items per page, 1 to {maxLimit}; {defaultLimit} when absent.", isInteger: true)
        .WithQuery("after", "The 'next' token of the previous page; absent for the first page.");

    public static RouteHandlerBuilder WithIfMatch(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new DocumentedParameter("If-Match", ParameterLocation.Header,
            "The version being changed, as its ETag (\"3\"), a list (\"3\", \"4\") or *; compared strongly, so W/\"3\" never matches. A 412 when not current."));
}
