namespace Reminders.Api.Security;

/// <summary>
/// Who may call the API, bound from <c>Reminders:Auth</c>. Keys come from configuration or the environment
/// (<c>Reminders__Auth__Keys__0__Name</c>, ...), never from committed files.
/// </summary>
public sealed class AuthOptions
{
    public const string SectionName = "Reminders:Auth";

    /// <summary>The accepted keys; several may be active at once, so a key can be rotated without downtime.</summary>
    /// <value>The default is none: the service refuses to start unless <see cref="Disabled"/> or in Development.</value>
    public List<ApiKeyOptions> Keys { get; set; } = [];

    /// <summary>Serves every request as <c>anonymous</c> with every scope, with a warning at startup.</summary>
    /// <value>The default is false.</value>
    public bool Disabled { get; set; }

    /// <summary>Requests per second each key may make (unauthenticated callers: each remote address); 0 turns the limit off.</summary>
    /// <value>The default is 100.</value>
    public int RequestsPerSecond { get; set; } = 100;

    /// <summary>Lets <c>/metrics</c> (policy <see cref="AuthPolicies.Metrics"/>) be scraped without a key.</summary>
    /// <value>The default is false: metrics need the <c>admin</c> scope.</value>
    public bool AnonymousMetrics { get; set; }
}
