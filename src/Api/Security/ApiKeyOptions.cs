namespace Reminders.Api.Security;

/// <summary>One API key: its name (recorded in the audit log), the key or its hash, and its scopes.</summary>
public sealed class ApiKeyOptions
{
    /// <summary>A unique name for the key, such as <c>billing-2027</c>; it names the caller in the audit log and partitions the rate limit.</summary>
    public string? Name { get; set; }

    /// <summary>The lowercase or uppercase hex SHA-256 of the key (64 characters): <c>printf %s "$KEY" | sha256sum</c>.</summary>
    public string? Sha256 { get; set; }

    /// <summary>The key itself, for development; set either this or <see cref="Sha256"/>, not both.</summary>
    public string? Key { get; set; }

    /// <summary>Comma-separated scopes: <c>read</c>, <c>write</c>, <c>admin</c> (admin includes write, write includes read).</summary>
    public string? Scopes { get; set; }
}
