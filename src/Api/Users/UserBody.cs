namespace Reminders.Api.Users;

// Documentation only: UserRequestReader reads the JSON itself, field by field; this summary is the schema's description.
/// <summary>A user as sent to create or replace one; a replace may also echo the read-only members it was read with.</summary>
public sealed record UserBody
{
    /// <summary>The client's id: 1-64 characters of letters, digits, '.', '_' or '-', not only dots. Optional on create (one is generated); on replace, if given, the route's id.</summary>
    public string? Id { get; init; }

    /// <summary>1-100 characters after trimming, with at least one visible character and no control or bidi characters.</summary>
    public required string FirstName { get; init; }

    /// <summary>1-100 characters after trimming, as firstName.</summary>
    public required string LastName { get; init; }

    /// <summary>A single address, such as ada@example.com.</summary>
    public required string Email { get; init; }

    /// <summary>A real calendar date, YYYY-MM-DD, from 1900-01-01 to today in the user's zone.</summary>
    public required DateOnly Birthday { get; init; }

    /// <summary>Optional; a date as birthday.</summary>
    public DateOnly? Anniversary { get; init; }

    /// <summary>An IANA time zone id, such as Europe/London.</summary>
    public required string Timezone { get; init; }

    /// <summary>Replace only, optional: the version being replaced (a 412 when not current); If-Match takes precedence.</summary>
    public int? Version { get; init; }
}
