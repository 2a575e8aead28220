using System.Net;
using System.Net.Http.Json;

namespace Reminders.Api.Tests;

/// <summary>A host whose kinds have long templates: the rendered message, not the body, is what the 64 KiB cap measures.</summary>
public sealed class LongTemplateFixture : ApiFixture
{
    // 7,700 characters: 2.1 KB with "Ada", 70 KB with a 100-character first name.
    public static readonly string Template = string.Concat(Enumerable.Repeat("{firstName}", 700));

    protected override ApiFactory CreateFactory() => new(Database, Clock, Receiver.Url, new Dictionary<string, string>
    {
        ["Reminders:Events:Birthday:Template"] = Template,
        ["Reminders:Events:Notice:Template"] = Template,
    });
}

/// <summary>
/// Users and schedules whose values would expand a kind's template past 64 KiB per occurrence are refused, naming
/// the field that carries the values, and nothing is stored; the same template with short values is accepted.
/// </summary>
public sealed class MessageSizeTests(LongTemplateFixture api) : IClassFixture<LongTemplateFixture>
{
    private static readonly string LongName = new('n', 100);

    [Fact]
    public async Task CreateUser_NameThatExpandsTheBirthdayTemplatePast64KiB_Returns400NamingFirstNameAndStoresNothing()
    {
        var response = await api.Client.PostAsJsonAsync("/api/v1/users", new
        {
            id = "long", firstName = LongName, lastName = "Lovelace", email = "ada@example.com", birthday = "1990-12-10", timezone = "Europe/London",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await Json.ReadAsync(response)).GetProperty("errors");
        Assert.Contains("70,000 bytes", errors.GetProperty("firstName")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Client.GetAsync("/api/v1/users/long")).StatusCode);
    }

    [Fact]
    public async Task CreateUser_ShortNameInTheSameTemplate_Returns201() =>
        Assert.Equal(HttpStatusCode.Created, (await api.Client.PostAsJsonAsync("/api/v1/users", Json.Ada("short"))).StatusCode);

    [Fact]
    public async Task CreateSchedule_RecipientThatExpandsTheKindsTemplatePast64KiB_Returns400NamingRecipient()
    {
        var response = await api.Client.PostAsJsonAsync("/api/v1/schedules", new
        {
            id = "long", kind = "notice", timezone = "America/New_York", start = "2027-01-04T09:00:00", rrule = "FREQ=WEEKLY",
            recipient = new Dictionary<string, string> { ["firstName"] = LongName },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await Json.ReadAsync(response)).GetProperty("errors");
        Assert.Contains("65,536", errors.GetProperty("recipient")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Client.GetAsync("/api/v1/schedules/long")).StatusCode);
    }
}
