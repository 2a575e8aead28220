using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Reminders.Api.Docs;

/// <summary>Gives an operation the <see cref="DocumentedBody"/> its endpoint declares, as an <c>application/json</c> body of a named schema.</summary>
internal sealed class DocumentedBodyTransformer : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<DocumentedBody>().LastOrDefault() is not { } body || context.Document is not { } document)
        {
            return;
        }

        var id = body.Type.Name;
        if (document.Components?.Schemas?.ContainsKey(id) != true)
        {
            document.AddComponent(id, await context.GetOrCreateSchemaAsync(body.Type, null, cancellationToken));
        }

        operation.RequestBody = new OpenApiRequestBody
        {
            Required = !body.IsOptional,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new() { Schema = new OpenApiSchemaReference(id, document) },
            },
        };
    }
}
