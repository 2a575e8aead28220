using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Reminders.Api.Docs;

/// <summary>
/// The OpenAPI 3.1 document of every <c>/api/v1</c> route at <see cref="DocumentPath"/> and an interactive
/// reference at <see cref="ReferencePath"/>. Both are open, like health: they describe the API's shape, which
/// this README publishes anyway, and no data; every call the reference makes still needs a key.
/// </summary>
public static class ApiDocsHostingExtensions
{
    public const string DocumentName = "v1";
    public const string DocumentPath = "/openapi/v1.json";
    public const string ReferencePath = "/docs";

    public static WebApplicationBuilder AddRemindersApiDocs(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(DocumentName, options =>
        {
            options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
            // The dashboard, the dev receiver and health are operators' tools, not the client API.
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer<ApiDocumentTransformer>();
            options.AddOperationTransformer<ApiKeyOperationTransformer>();
            options.AddOperationTransformer<DocumentedParameterTransformer>();
            options.AddOperationTransformer<DocumentedBodyTransformer>();
            options.AddSchemaTransformer<IntegerSchemaTransformer>();
        });
        return builder;
    }

    public static WebApplication MapRemindersApiDocs(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference(ReferencePath, options =>
        {
            options.Title = "Reminders API";
            options.OpenApiRoutePattern = "/openapi/{documentName}.json";
            // Served from the package's embedded script; nothing may come from the internet (fonts, telemetry).
            options.DefaultFonts = false;
            options.Telemetry = false;
        }).AllowAnonymous();
        return app;
    }
}
