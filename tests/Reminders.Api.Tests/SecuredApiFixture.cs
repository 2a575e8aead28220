using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Reminders.Api.Tests;

/// <summary>
/// One API host with authentication on, shared by the security test classes: a key per scope, plus a second admin
/// key as during a rotation. Keys are configured both ways: by the key itself and by its SHA-256.
/// </summary>
public sealed class SecuredApiFixture : ApiFixture, IAsyncLifetime
{
    public const string ReadKey = "read-key-0123456789";
    public const string WriteKey = "write-key-0123456789";
    public const string AdminKey = "admin-key-0123456789";
    public const string NextAdminKey = "next-admin-key-0123456789";

    public HttpClient Reader { get; private set; } = null!;

    public HttpClient Writer { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    public static string Sha256Hex(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static Dictionary<string, string> Keys(params (string Name, string Setting, string Value, string Scopes)[] keys)
    {
        var settings = new Dictionary<string, string> { ["Reminders:Auth:Disabled"] = "false" };
        for (var i = 0; i < keys.Length; i++)
        {
            settings[$"Reminders:Auth:Keys:{i}:Name"] = keys[i].Name;
            settings[$"Reminders:Auth:Keys:{i}:{keys[i].Setting}"] = keys[i].Value;
            settings[$"Reminders:Auth:Keys:{i}:Scopes"] = keys[i].Scopes;
        }

        return settings;
    }

    public HttpClient ClientWith(string key)
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    // Re-implements IAsyncLifetime so xUnit calls this, which starts the host first.
    public new async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Reader = ClientWith(ReadKey);
        Writer = ClientWith(WriteKey);
        Admin = ClientWith(AdminKey);
    }

    protected override ApiFactory CreateFactory() => new(Database, Clock, Receiver.Url, Keys(
        ("reader", "Key", ReadKey, "read"),
        ("writer", "Sha256", Sha256Hex(WriteKey), "write"),
        ("admin", "Key", AdminKey, "admin"),
        ("admin-next", "Sha256", Sha256Hex(NextAdminKey).ToUpperInvariant(), "admin, read")));
}

/// <summary>The test classes that share <see cref="SecuredApiFixture"/>'s host.</summary>
[CollectionDefinition(Name)]
public sealed class SecuredApiTests : ICollectionFixture<SecuredApiFixture>
{
    public const string Name = "Secured API";
}
