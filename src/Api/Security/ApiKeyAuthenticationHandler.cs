using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Reminders.Api.Security;

/// <summary>
/// The API-key scheme: <c>Authorization: Bearer &lt;key&gt;</c> or <c>X-Api-Key: &lt;key&gt;</c>; under the dashboard
/// also HTTP Basic with the key as the password, because a browser cannot send a bearer header but does prompt
/// for Basic. Challenges and refusals are RFC 9457 problems.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyRing keys,
    IProblemDetailsService problems) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string ApiKeyHeader = "X-Api-Key";
    public const string AnonymousName = "anonymous";
    public const string BasicRealm = "Reminders";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (keys.IsOpen)
        {
            return Task.FromResult(Success(AnonymousName, ApiScopes.All));
        }

        if (Presented() is not { } presented)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        return Task.FromResult(keys.Find(presented) is { } key
            ? Success(key.Name, key.Scopes)
            : AuthenticateResult.Fail("The API key is not known."));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = IsDashboard ? $"Basic realm=\"{BasicRealm}\"" : "Bearer";
        return WriteProblemAsync(StatusCodes.Status401Unauthorized, "Authentication required",
            "Send an API key as 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'" +
            (IsDashboard ? ", or as the password of HTTP Basic credentials." : "."));
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, "Scope required",
            "The API key is valid but lacks the scope this request needs (read, write or admin).");

    private bool IsDashboard => Request.Path.StartsWithSegments("/dashboard", StringComparison.OrdinalIgnoreCase);

    private string? Presented()
    {
        if (AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var authorization))
        {
            if (authorization.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase) && authorization.Parameter is { Length: > 0 } bearer)
            {
                return bearer;
            }

            if (IsDashboard && authorization.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) && BasicPassword(authorization.Parameter) is { } password)
            {
                return password;
            }
        }

        return Request.Headers[ApiKeyHeader].ToString() is { Length: > 0 } header ? header : null;
    }

    // Basic credentials are base64("user:password"); the user name is ignored, the password is the key.
    private static string? BasicPassword(string? parameter)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(parameter ?? ""));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            return colon >= 0 && colon < text.Length - 1 ? text[(colon + 1)..] : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static AuthenticateResult Success(string name, IEnumerable<string> scopes)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, name) };
        claims.AddRange(scopes.Select(s => new Claim(ApiScopes.ClaimType, s)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    private async Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}
