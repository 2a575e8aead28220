using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Reminders.Api.Security;

namespace Reminders.Api.Docs;

/// <summary>
/// What every keyed operation shares, from its authorization policy rather than its handler: either security
/// scheme, the scope in its description, and the problems the pipeline answers before or around the handler
/// (401 without a key, 403 without the scope, 429 over the key's rate, 503 when the cluster or database fails).
/// </summary>
internal sealed class ApiKeyOperationTransformer : IOpenApiOperationTransformer
{
    public const string ProblemSchema = nameof(ProblemDetails);

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var scope = context.Description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => p is not null);
        if (scope is null || context.Document is not { } document)
        {
            return;
        }

        operation.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiDocumentTransformer.BearerScheme, document)] = [] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiDocumentTransformer.HeaderScheme, document)] = [] },
        ];
        var requirement = $"Requires an API key with the `{scope}` scope.";
        operation.Description = operation.Description is { Length: > 0 } description ? $"{description}\n\n{requirement}" : requirement;

        if (document.Components?.Schemas?.ContainsKey(ProblemSchema) != true)
        {
            document.AddComponent(ProblemSchema, await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, cancellationToken));
        }

        operation.Responses ??= [];
        Add(operation, document, StatusCodes.Status401Unauthorized, "No API key, or one that is not known; WWW-Authenticate: Bearer.");
        if (scope != AuthPolicies.Read)
        {
            // Every key has read, so only the write and admin routes can refuse a valid key.
            Add(operation, document, StatusCodes.Status403Forbidden, $"The API key lacks the `{scope}` scope.");
        }

        Add(operation, document, StatusCodes.Status429TooManyRequests, "Over the key's rate; Retry-After says when to retry.");
        Add(operation, document, StatusCodes.Status503ServiceUnavailable, "The cluster or its database did not answer; safe to retry after Retry-After.");
    }

    private static void Add(OpenApiOperation operation, OpenApiDocument document, int status, string description) =>
        operation.Responses![status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, document) },
            },
        };
}
