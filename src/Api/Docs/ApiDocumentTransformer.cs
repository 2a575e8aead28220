using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Reminders.Api.Security;

namespace Reminders.Api.Docs;

/// <summary>The document's title and description, and the two ways to present an API key as security schemes.</summary>
internal sealed class ApiDocumentTransformer : IOpenApiDocumentTransformer
{
    public const string BearerScheme = "Bearer";
    public const string HeaderScheme = "ApiKey";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Reminders API",
            Version = "v1",
            Description = "Users with birthdays and anniversaries, schedules of any recurrence, and their delivered occurrences. " +
                "Every route needs an API key with the scope its description names (read, write or admin; admin includes write, " +
                "write includes read). Every error is an RFC 9457 problem (application/problem+json).",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "The API key as 'Authorization: Bearer <key>'.",
        };
        document.Components.SecuritySchemes[HeaderScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyAuthenticationHandler.ApiKeyHeader,
            Description = "The API key as 'X-Api-Key: <key>'.",
        };
        return Task.CompletedTask;
    }
}
