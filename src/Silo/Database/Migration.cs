using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace Reminders.Silo.Database;

/// <summary>One versioned schema script, embedded in this assembly as <c>Reminders.Migrations.NNNN_name.sql</c>.</summary>
public sealed record Migration(int Version, string Name, string Sql)
{
    private const string ResourcePrefix = "Reminders.Migrations.";

    /// <summary>A fingerprint of the script, recorded when applied, so an edited script is noticed.</summary>
    public string Checksum => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql)));

    /// <summary>Every embedded migration, in version order.</summary>
    public static IReadOnlyList<Migration> All { get; } = Load();

    private static List<Migration> Load()
    {
        var assembly = typeof(Migration).Assembly;
        var migrations = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => FromResource(assembly, n))
            .OrderBy(m => m.Version)
            .ToList();

        var duplicate = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null
            ? migrations
            : throw new InvalidOperationException($"Two migrations share version {duplicate.Key}.");
    }

    private static Migration FromResource(Assembly assembly, string resource)
    {
        var file = resource[ResourcePrefix.Length..^".sql".Length];
        var separator = file.IndexOf('_', StringComparison.Ordinal);
        var version = int.Parse(file[..separator], NumberStyles.None, CultureInfo.InvariantCulture);
        using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!, Encoding.UTF8);
        return new Migration(version, file[(separator + 1)..], reader.ReadToEnd());
    }
}
