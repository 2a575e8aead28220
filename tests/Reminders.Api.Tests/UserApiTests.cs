using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Reminders.Api.Tests;

/// <summary>The user resource: create, replay, conflict, read, replace, delete, occurrences.</summary>
public sealed class UserApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Create_ReturnsCreatedWithLocationETagAndTheUpcomingBirthday()
    {
        var response = await api.CreateAsync(Json.Ada("create-1", "Australia/Melbourne"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/api/v1/users/create-1", response.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        var user = await Json.ReadAsync(response);
        Assert.Equal(
            """{"id":"create-1","firstName":"Ada","lastName":"Lovelace","email":"ada@example.com","birthday":"1990-12-10","anniversary":null,"timezone":"Australia/Melbourne","version":1,"upcoming":[{"kind":"birthday","key":"user:create-1:birthday:2026","localTime":"2026-12-10T09:00:00","dueUtc":"2026-12-09T22:00:00Z","plannedUtc":"2026-12-09T22:00:00Z","adjustments":[]}]}""",
            user.GetRawText());
    }

    [Fact]
    public async Task Create_WithAnniversary_ListsBothUpcomingSortedByDueTime()
    {
        var response = await api.CreateAsync(new
        {
            id = "both-1", firstName = "Ada", lastName = "Lovelace", email = "ada@example.com",
            birthday = "1990-12-10", anniversary = "2020-02-29", timezone = "America/New_York",
        });

        var upcoming = (await Json.ReadAsync(response)).GetProperty("upcoming");
        Assert.Equal(
            """[{"kind":"birthday","key":"user:both-1:birthday:2026","localTime":"2026-12-10T09:00:00","dueUtc":"2026-12-10T14:00:00Z","plannedUtc":"2026-12-10T14:00:00Z","adjustments":[]},{"kind":"anniversary","key":"user:both-1:anniversary:2027","localTime":"2027-02-28T09:00:00","dueUtc":"2027-02-28T14:00:00Z","plannedUtc":"2027-02-28T14:00:00Z","adjustments":["invalidDateBackward"]}]""",
            upcoming.GetRawText());
    }

    [Fact]
    public async Task Create_WithoutId_GeneratesOne()
    {
        var response = await api.CreateAsync(Json.Ada(id: null));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await Json.ReadAsync(response)).GetProperty("id").GetString()!;
        Assert.Matches("^[a-f0-9]{32}$", id);
        Assert.Equal(HttpStatusCode.OK, (await api.Client.GetAsync($"/api/v1/users/{id}")).StatusCode);
    }

    [Fact]
    public async Task Create_SameIdAndBodyAgain_ReplaysWith200()
    {
        await api.CreateAsync(Json.Ada("replay-1"));

        var replay = await api.CreateAsync(Json.Ada("replay-1"));

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(1, (await Json.ReadAsync(replay)).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Create_SameIdWithADifferentBody_Returns409AndChangesNothing()
    {
        await api.CreateAsync(Json.Ada("conflict-1"));

        var conflict = await api.CreateAsync(Json.Ada("conflict-1", zone: "Asia/Tokyo"));

        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal("application/problem+json", conflict.Content.Headers.ContentType?.MediaType);
        var user = await Json.ReadAsync(await api.Client.GetAsync("/api/v1/users/conflict-1"));
        Assert.Equal("Europe/London", user.GetProperty("timezone").GetString());
    }

    [Fact]
    public async Task Get_UnknownUser_Returns404Problem()
    {
        var response = await api.Client.GetAsync("/api/v1/users/nobody-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Put_ReplacesTheUserAndBumpsTheVersion()
    {
        await api.CreateAsync(Json.Ada("put-1"));

        var response = await api.Client.PutAsJsonAsync("/api/v1/users/put-1", Json.Ada(id: null, zone: "Asia/Tokyo"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"2\"", response.Headers.ETag?.Tag);
        var user = await Json.ReadAsync(response);
        Assert.Equal(("Asia/Tokyo", 2, "2026-12-10T00:00:00Z"), (
            user.GetProperty("timezone").GetString(),
            user.GetProperty("version").GetInt32(),
            user.GetProperty("upcoming")[0].GetProperty("dueUtc").GetString()));
    }

    [Fact]
    public async Task Put_WithAMatchingIfMatch_Succeeds_AndWithAStaleOne_Returns412()
    {
        await api.CreateAsync(Json.Ada("ifmatch-1"));

        var fresh = new HttpRequestMessage(HttpMethod.Put, "/api/v1/users/ifmatch-1") { Content = JsonContent.Create(Json.Ada(id: null, zone: "Asia/Tokyo")) };
        fresh.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
        Assert.Equal(HttpStatusCode.OK, (await api.Client.SendAsync(fresh)).StatusCode);

        var stale = new HttpRequestMessage(HttpMethod.Put, "/api/v1/users/ifmatch-1") { Content = JsonContent.Create(Json.Ada(id: null, zone: "Europe/Paris")) };
        stale.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
        var response = await api.Client.SendAsync(stale);

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        var user = await Json.ReadAsync(await api.Client.GetAsync("/api/v1/users/ifmatch-1"));
        Assert.Equal("Asia/Tokyo", user.GetProperty("timezone").GetString());
    }

    [Fact]
    public async Task Put_UnknownUser_Returns404()
    {
        var response = await api.Client.PutAsJsonAsync("/api/v1/users/put-nobody", Json.Ada(id: null));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Delete_Returns204_ThenTheUserIsGone()
    {
        await api.CreateAsync(Json.Ada("delete-1"));

        Assert.Equal(HttpStatusCode.NoContent, (await api.Client.DeleteAsync("/api/v1/users/delete-1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Client.GetAsync("/api/v1/users/delete-1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Client.GetAsync("/api/v1/users/delete-1/occurrences")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Client.DeleteAsync("/api/v1/users/delete-1")).StatusCode);
    }

    [Fact]
    public async Task Occurrences_OfANewUser_IsAnEmptyList()
    {
        await api.CreateAsync(Json.Ada("occ-1"));

        var response = await api.Client.GetAsync("/api/v1/users/occ-1/occurrences");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"items":[],"next":null}""", (await Json.ReadAsync(response)).GetRawText());
    }

    [Theory]
    [InlineData("US/Eastern", "America/New_York")]
    [InlineData("asia/calcutta", "Asia/Kolkata")]
    [InlineData("Europe/Kiev", "Europe/Kyiv")]
    [InlineData("europe/london", "Europe/London")]
    public async Task Create_WithAnAliasZone_StoresTheCanonicalTzdbId(string given, string canonical)
    {
        var id = "zone-" + canonical.Replace('/', '-').ToLowerInvariant();

        var created = await Json.ReadAsync(await api.CreateAsync(Json.Ada(id, zone: given)));
        var read = await Json.ReadAsync(await api.Client.GetAsync($"/api/v1/users/{id}"));

        Assert.Equal((canonical, canonical), (created.GetProperty("timezone").GetString(), read.GetProperty("timezone").GetString()));
    }
}
