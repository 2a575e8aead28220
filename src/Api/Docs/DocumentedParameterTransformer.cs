using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Reminders.Api.Docs;

/// <summary>Adds each <see cref="DocumentedParameter"/> an endpoint declares to its operation, as an optional parameter.</summary>
internal sealed class DocumentedParameterTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var parameter in context.Description.ActionDescriptor.EndpointMetadata.OfType<DocumentedParameter>())
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = parameter.Name,
                In = parameter.In,
                Description = parameter.Description,
                Required = false,
                Schema = new OpenApiSchema { Type = parameter.IsInteger ? JsonSchemaType.Integer : JsonSchemaType.String },
            });
        }

        return Task.CompletedTask;
    }
}
