namespace Reminders.Grains.Interfaces.Users;

/// <summary>Maps API user ids to grain keys.</summary>
public static class UserGrainFactoryExtensions
{
    // A non-hex prefix keeps ADO.NET storage from reading ids such as "20235" as integer keys
    // (so "20235" and "020235" would share a row); see orleans-facts §1.5.
    private const string KeyPrefix = "u-";

    /// <summary>Returns the grain of the user with this API id.</summary>
    public static IUserGrain GetUserGrain(this IGrainFactory grains, string userId) =>
        grains.GetGrain<IUserGrain>(KeyPrefix + userId);

    /// <summary>Returns the API id of the user whose grain has this key.</summary>
    public static string UserIdFromGrainKey(string grainKey) =>
        grainKey.StartsWith(KeyPrefix, StringComparison.Ordinal) ? grainKey[KeyPrefix.Length..] : grainKey;
}
