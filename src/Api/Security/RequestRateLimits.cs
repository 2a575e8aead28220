using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Reminders.Api.Security;

/// <summary>
/// A token bucket per caller: <c>Reminders:Auth:RequestsPerSecond</c> a second, bursting to as many. The caller is
/// the key's name once authenticated; anyone else (no key, an unknown key, or everyone when authentication is off)
/// is their remote address. A refusal is a 429 problem with <c>Retry-After</c>. Health endpoints are exempt.
/// </summary>
public static class RequestRateLimits
{
    public static void Configure(RateLimiterOptions options)
    {
        options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            var perSecond = context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.RequestsPerSecond;
            if (perSecond == 0)
            {
                return RateLimitPartition.GetNoLimiter("unlimited");
            }

            var keys = context.RequestServices.GetRequiredService<ApiKeyRing>();
            var caller = !keys.IsOpen && context.User.Identity is { IsAuthenticated: true, Name: { } name }
                ? "key:" + name
                : "address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            return RateLimitPartition.GetTokenBucketLimiter(caller, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = perSecond,
                TokensPerPeriod = perSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        });
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.OnRejected = async (rejected, cancellationToken) =>
        {
            var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            var context = rejected.HttpContext;
            context.Response.Headers[HeaderNames.RetryAfter] = seconds.ToString(CultureInfo.InvariantCulture);
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails =
                {
                    Status = StatusCodes.Status429TooManyRequests,
                    Title = "Too many requests",
                    Detail = string.Create(CultureInfo.InvariantCulture, $"This caller may make a limited number of requests a second; retry after {seconds} s."),
                },
            });
        };
    }
}
