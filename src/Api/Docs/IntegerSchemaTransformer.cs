using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Reminders.Api.Docs;

/// <summary>
/// Documents integers as integers. The web serializer defaults read numbers from strings too, so the generator
/// offers <c>"3"</c> as well as <c>3</c>; but this API reads bodies itself and refuses a quoted version, and it
/// always writes numbers, so the string alternative would only mislead clients.
/// </summary>
internal sealed class IntegerSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (schema.Type is { } type && (type & (JsonSchemaType.Integer | JsonSchemaType.Number)) != 0 && (type & JsonSchemaType.String) != 0)
        {
            schema.Type = type & ~JsonSchemaType.String;
            schema.Pattern = null;
        }

        return Task.CompletedTask;
    }
}
