using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Reminders.Api.Security;

/// <summary>Compares two equal-length hashes; the default is <see cref="CryptographicOperations.FixedTimeEquals"/>.</summary>
public delegate bool HashComparison(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right);

/// <summary>One configured key as the ring holds it: its name, the SHA-256 of the key, its effective scopes.</summary>
public sealed record ApiKey(string Name, byte[] Hash, IReadOnlySet<string> Scopes);

/// <summary>
/// The configured keys, by SHA-256. A lookup hashes the presented key and compares it with every configured
/// hash in constant time, without stopping at a match, so its timing reveals neither which key matched, nor how
/// many bytes did, nor how many keys there are before the match.
/// </summary>
public sealed class ApiKeyRing
{
    private readonly ApiKey[] _keys;
    private readonly HashComparison _equals;

    public ApiKeyRing(IOptions<AuthOptions> options, IHostEnvironment environment, HashComparison? equals = null)
    {
        var auth = options.Value;
        _equals = equals ?? CryptographicOperations.FixedTimeEquals;
        _keys = [.. auth.Keys.Select(k => new ApiKey(
            k.Name!,
            k.Key is { Length: > 0 } key ? SHA256.HashData(Encoding.UTF8.GetBytes(key)) : Convert.FromHexString(k.Sha256!),
            ApiScopes.TryParse(k.Scopes, out var scopes, out _) ? ApiScopes.Effective(scopes) : new HashSet<string>()))];

        // The validator has refused "no keys" everywhere else, so no keys here means Development.
        IsOpen = auth.Disabled || _keys.Length == 0;
        IsDevelopmentOpen = IsOpen && !auth.Disabled && environment.IsDevelopment();
    }

    /// <summary>Every request is served as <c>anonymous</c> with every scope.</summary>
    public bool IsOpen { get; }

    /// <summary>Open only because no key is configured in Development.</summary>
    public bool IsDevelopmentOpen { get; }

    public int Count => _keys.Length;

    /// <summary>The configured key of that name, or null: the console checks a signed-in key still exists.</summary>
    public ApiKey? Named(string name) => _keys.FirstOrDefault(k => k.Name == name);

    /// <summary>The key whose hash matches <paramref name="presented"/>'s, or null.</summary>
    public ApiKey? Find(string presented)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(presented), hash);
        ApiKey? found = null;
        foreach (var key in _keys)
        {
            // No early exit: every key is compared whether or not one already matched.
            if (_equals(hash, key.Hash))
            {
                found = key;
            }
        }

        return found;
    }
}
