using Reminders.Api.Security;
using Reminders.Api.Validation;

namespace Reminders.Api.DevReceiver;

/// <summary>
/// A development webhook receiver inside the API, used when no <c>Reminders:Delivery:WebhookUrl</c> is
/// configured: <c>POST /dev/webhook</c> records a message, <c>GET /dev/webhook</c> lists them, newest first.
/// </summary>
public static class DevReceiverEndpoints
{
    public const string Path = "/dev/webhook";

    public static IEndpointRouteBuilder MapDevReceiver(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, async (HttpContext context, DevReceiverLog log) =>
        {
            var (document, problem) = await JsonBodyReader.ReadObjectAsync(context.Request, context.RequestAborted);
            if (problem is not null)
            {
                return (IResult)problem;
            }

            using (document)
            {
                var key = context.Request.Headers["Idempotency-Key"].FirstOrDefault();
                var message = log.Record(key, document!.RootElement);
                return TypedResults.Ok(new { received = true, duplicate = message.Duplicate });
            }
        }).WithTags("Development receiver").AllowAnonymous(); // the silos deliver here, and they carry no API key

        endpoints.MapGet(Path, (DevReceiverLog log) => TypedResults.Ok(new { items = log.Newest() }))
            .WithTags("Development receiver").RequireAuthorization(AuthPolicies.Read);
        return endpoints;
    }
}
