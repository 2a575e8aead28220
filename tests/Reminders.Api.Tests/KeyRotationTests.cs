using System.Net;

namespace Reminders.Api.Tests;

/// <summary>Several keys are active at once, so a key is rotated by adding the new one before removing the old.</summary>
[Collection(SecuredApiTests.Name)]
public sealed class KeyRotationTests(SecuredApiFixture api)
{
    [Fact]
    public async Task TwoAdminKeys_OneByKeyOneBySha256_BothWork_AndAreAuditedUnderTheirNames()
    {
        using var next = api.ClientWith(SecuredApiFixture.NextAdminKey);

        Assert.Equal(HttpStatusCode.Created, (await api.Admin.PostAsync("/api/v1/users", Content(Json.Ada("rotated-1")))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await next.PostAsync("/api/v1/users", Content(Json.Ada("rotated-2")))).StatusCode);

        var entries = (await Json.ReadAsync(await next.GetAsync("/api/v1/audit?limit=1000"))).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal("admin", entries.Single(e => e.GetProperty("entity").GetString() == "user:rotated-1").GetProperty("actor").GetString());
        Assert.Equal("admin-next", entries.Single(e => e.GetProperty("entity").GetString() == "user:rotated-2").GetProperty("actor").GetString());
    }

    private static System.Net.Http.Json.JsonContent Content(object body) => System.Net.Http.Json.JsonContent.Create(body);
}
