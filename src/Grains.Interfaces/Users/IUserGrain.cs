using Reminders.Grains.Interfaces.Occurrences;

namespace Reminders.Grains.Interfaces.Users;

/// <summary>One user: their profile, the birthday and anniversary they are reminded of, and the delivery ledger.</summary>
[Alias("Reminders.Users.IUserGrain")]
public interface IUserGrain : IOccurrenceOwner
{
    /// <summary>Creates the user, or replays an identical earlier create.</summary>
    [Alias("Create")]
    Task<CreateUserResult> CreateAsync(UserDefinition definition);

    /// <summary>Returns the user, or null when there is none.</summary>
    [Alias("Get")]
    Task<UserView?> GetAsync();

    /// <summary>Replaces the user's mutable fields, optionally only if the version still matches.</summary>
    [Alias("Update")]
    Task<UpdateUserResult> UpdateAsync(UserDefinition definition, int? expectedVersion);

    /// <summary>Deletes the user and cancels everything not yet delivered; false when there was none.</summary>
    [Alias("Delete")]
    Task<bool> DeleteAsync();

    /// <summary>
    /// Delivers now what the user's next occurrence (birthday or anniversary, whichever is sooner) would send, under the
    /// key <c>user:&lt;id&gt;:-manual-&lt;requestKey&gt;</c>; the same <paramref name="requestKey"/> again returns that occurrence.
    /// </summary>
    [Alias("Trigger")]
    Task<TriggerResult> TriggerAsync(string requestKey);

    /// <summary>Returns the user's occurrences, newest first, or null when there is no user.</summary>
    [Alias("GetOccurrences")]
    Task<IReadOnlyList<OccurrenceView>?> GetOccurrencesAsync();
}
