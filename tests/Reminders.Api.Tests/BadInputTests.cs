using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Reminders.Api.Tests;

/// <summary>
/// Every way a client can get a request wrong gets a 4xx problem naming what was wrong, and stores
/// nothing: this class's host only ever receives bad requests, so its database must stay empty.
/// </summary>
public sealed class BadInputTests(ApiFixture api) : IClassFixture<ApiFixture>, IAsyncLifetime
{
    // The members of a valid body, without the braces.
    private const string Valid = "\"firstName\":\"Ada\",\"lastName\":\"Lovelace\",\"email\":\"ada@example.com\",\"birthday\":\"1990-12-10\",\"timezone\":\"Europe/London\"";

    public static TheoryData<string, string, string> BadBodies => new()
    {
        // case, body, the member of 'errors' that must name the problem
        { "malformed JSON", """{"firstName":""", "body" },
        { "an array", "[1,2]", "body" },
        { "a string", "\"ada\"", "body" },
        { "a number", "42", "body" },
        { "JSON null", "null", "body" },
        { "empty body", "", "body" },
        { "duplicate member", """{"firstName":"A",""" + Valid + "}", "body" },
        { "nesting too deep", """{"x":""" + new string('[', 40) + new string(']', 40) + "}", "body" },
        { "unknown member", "{" + Valid + ""","birthdate":"1990-12-10"}""", "birthdate" },
        { "firstName missing", """{"lastName":"Lovelace","email":"ada@example.com","birthday":"1990-12-10","timezone":"Europe/London"}""", "firstName" },
        { "firstName a number", Replace("\"firstName\":\"Ada\"", "\"firstName\":5"), "firstName" },
        { "firstName null", Replace("\"firstName\":\"Ada\"", "\"firstName\":null"), "firstName" },
        { "lastName blank", Replace("\"lastName\":\"Lovelace\"", "\"lastName\":\"   \""), "lastName" },
        { "firstName over 100 characters", Replace("\"firstName\":\"Ada\"", $"\"firstName\":\"{new string('a', 101)}\""), "firstName" },
        { "lastName with a control character", Replace("\"lastName\":\"Lovelace\"", "\"lastName\":\"Love\\u0007lace\""), "lastName" },
        { "email without a domain", Replace("ada@example.com", "ada@"), "email" },
        { "email without an at", Replace("ada@example.com", "ada.example.com"), "email" },
        { "email with a space", Replace("ada@example.com", "a da@example.com"), "email" },
        { "email with a dotless domain", Replace("ada@example.com", "ada@example"), "email" },
        { "email an object", Replace("\"ada@example.com\"", "{}"), "email" },
        { "birthday Feb 29 of a common year", Replace("1990-12-10", "2023-02-29"), "birthday" },
        { "birthday month 13", Replace("1990-12-10", "1990-13-01"), "birthday" },
        { "birthday not ISO", Replace("1990-12-10", "10/12/1990"), "birthday" },
        { "birthday with a time", Replace("1990-12-10", "1990-12-10T00:00:00"), "birthday" },
        { "birthday a number", Replace("\"1990-12-10\"", "19901210"), "birthday" },
        { "birthday in the future", Replace("1990-12-10", "2027-01-01"), "birthday" },
        { "birthday before 1900", Replace("1990-12-10", "1899-12-31"), "birthday" },
        { "birthday missing", """{"firstName":"Ada","lastName":"Lovelace","email":"ada@example.com","timezone":"Europe/London"}""", "birthday" },
        { "anniversary impossible", "{" + Valid + ""","anniversary":"2021-02-29"}""", "anniversary" },
        { "anniversary in the future", "{" + Valid + ""","anniversary":"2030-06-01"}""", "anniversary" },
        { "timezone unknown", Replace("Europe/London", "Mars/Olympus_Mons"), "timezone" },
        { "timezone blank", Replace("Europe/London", ""), "timezone" },
        { "timezone EST", Replace("Europe/London", "EST"), "timezone" },
        { "timezone PST", Replace("Europe/London", "PST"), "timezone" },
        { "timezone AEST", Replace("Europe/London", "AEST"), "timezone" },
        { "timezone EST5EDT", Replace("Europe/London", "EST5EDT"), "timezone" },
        { "timezone an offset", Replace("Europe/London", "+10:00"), "timezone" },
        { "timezone a boolean", Replace("\"Europe/London\"", "true"), "timezone" },
        { "id with a space", "{" + Valid + ""","id":"has space"}""", "id" },
        { "id with a slash", "{" + Valid + ""","id":"a/b"}""", "id" },
        { "id over 64 characters", "{" + Valid + $$""","id":"{{new string('x', 65)}}"}""", "id" },
        { "id empty", "{" + Valid + ""","id":""}""", "id" },
        { "id non-ASCII", "{" + Valid + ""","id":"ünïcode"}""", "id" },
        { "id a number", "{" + Valid + ""","id":7}""", "id" },
        // Ids that a URL normalises away as a path segment: created, then unreachable.
        { "id a dot", "{" + Valid + ""","id":"."}""", "id" },
        { "id two dots", "{" + Valid + ""","id":".."}""", "id" },
        { "id only dots", "{" + Valid + ""","id":"...."}""", "id" },
        // Text PostgreSQL, receivers or a reader's screen would choke on or be fooled by.
        { "email with NUL", Replace("ada@example.com", "ada\\u0000@example.com"), "email" },
        { "email with a control character", Replace("ada@example.com", "ada\\u0007@example.com"), "email" },
        { "email with a C1 control", Replace("ada@example.com", "ada\\u0085@example.com"), "email" },
        { "email with a lone surrogate", Replace("ada@example.com", "ada\\ud800@example.com"), "email" },
        { "firstName with NUL", Replace("\"firstName\":\"Ada\"", "\"firstName\":\"A\\u0000da\""), "firstName" },
        { "firstName with a lone surrogate", Replace("\"firstName\":\"Ada\"", "\"firstName\":\"Ada\\ud800\""), "firstName" },
        { "lastName with a lone low surrogate", Replace("\"lastName\":\"Lovelace\"", "\"lastName\":\"\\udc00Lovelace\""), "lastName" },
        { "firstName with a noncharacter", Replace("\"firstName\":\"Ada\"", "\"firstName\":\"Ada\\uffff\""), "firstName" },
        { "firstName with an unassigned code point", Replace("\"firstName\":\"Ada\"", "\"firstName\":\"Ada\\u0378\""), "firstName" },
        { "firstName only zero-width characters", Replace("\"firstName\":\"Ada\"", "\"firstName\":\"\\u200b\\u200d\\u2060\""), "firstName" },
        { "lastName only bidi controls", Replace("\"lastName\":\"Lovelace\"", "\"lastName\":\"\\u202e\\u2066\""), "lastName" },
        { "lastName with a bidi override", Replace("\"lastName\":\"Lovelace\"", "\"lastName\":\"Love\\u202elace\""), "lastName" },
        { "firstName with a bidi isolate", Replace("\"firstName\":\"Ada\"", "\"firstName\":\"\\u2067Ada\\u2069\""), "firstName" },
        { "a member name with a lone surrogate", "{" + Valid + ""","\udc00":1}""", "body" },
        { "firstName with a tab", Replace("\"firstName\":\"Ada\"", "\"firstName\":\"A\\tda\""), "firstName" },
    };

    public static TheoryData<string, byte[], string> NotUnicodeBodies => new()
    {
        // case, body bytes, the member of 'errors' that must name the problem
        { "invalid UTF-8 in firstName", Bytes("{\"firstName\":\"A", [0xC3, 0x28], "da\"," + Valid[18..] + "}"), "firstName" },
        { "a lone continuation byte in email", Bytes("{\"firstName\":\"Ada\",\"lastName\":\"Lovelace\",\"birthday\":\"1990-12-10\",\"timezone\":\"Europe/London\",\"email\":\"ada", [0x80], "@example.com\"}"), "email" },
        { "invalid UTF-8 in a member name", Bytes("{" + Valid + ",\"x", [0xFF], "\":1}"), "body" },
        { "an overlong encoding in lastName", Bytes("{\"lastName\":\"Love", [0xC0, 0xAF], "lace\"," + Valid.Replace("\"lastName\":\"Lovelace\",", "", StringComparison.Ordinal) + "}"), "lastName" },
    };

    [Theory]
    [MemberData(nameof(NotUnicodeBodies))]
    public async Task Create_WithTextThatIsNotUnicode_Returns400NamingTheFieldAndStoresNothing(string @case, byte[] body, string field)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var response = await api.Client.PostAsync("/api/v1/users", content);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{@case}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await Json.ReadAsync(response)).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"{@case}: errors should name '{field}': {errors}");
    }

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Create_WithBadInput_Returns400NamingTheFieldAndStoresNothing(string @case, string body, string field)
    {
        var response = await PostAsync(body);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{@case}: {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await Json.ReadAsync(response);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), $"{@case}: errors should name '{field}': {problem}");
        Assert.NotEmpty(messages.EnumerateArray());
    }

    [Fact]
    public async Task Create_WithAZoneAbbreviation_HintsAtARegionId()
    {
        var problem = await Json.ReadAsync(await PostAsync(Replace("Europe/London", "PST")));

        Assert.Contains("America/New_York", problem.GetProperty("errors").GetProperty("timezone")[0].GetString());
    }

    [Fact]
    public async Task Create_WithSeveralBadFields_NamesEachOfThem()
    {
        var problem = await Json.ReadAsync(await PostAsync("""{"firstName":"","lastName":7,"email":"x","birthday":"2023-02-29","timezone":"EST"}"""));

        var fields = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order();
        Assert.Equal(["birthday", "email", "firstName", "lastName", "timezone"], fields);
    }

    [Fact]
    public async Task Create_WithABodyOver64KiB_Returns413()
    {
        var response = await PostAsync("{" + Valid + $$""","padding":"{{new string('x', 70 * 1024)}}"}""");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Create_WithoutAJsonContentType_Returns415()
    {
        var response = await api.Client.PostAsync("/api/v1/users", new StringContent("{" + Valid + "}", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("GET", "/api/v1/users/has%20space")]
    [InlineData("GET", "/api/v1/users/%C3%BC/occurrences")]
    [InlineData("DELETE", "/api/v1/users/a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z.0.1.2.3.4.5.6")]
    [InlineData("GET", "/api/v1/users/...")]
    [InlineData("PUT", "/api/v1/users/....")]
    public async Task Route_WithAnInvalidId_Returns400(string method, string path)
    {
        var response = await api.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await Json.ReadAsync(response)).GetProperty("errors").TryGetProperty("id", out _));
    }

    [Theory]
    [InlineData("""{"id":"other","firstName":"Ada","lastName":"Lovelace","email":"ada@example.com","birthday":"1990-12-10","timezone":"Europe/London"}""", "id")]
    [InlineData("""{"version":"one","firstName":"Ada","lastName":"Lovelace","email":"ada@example.com","birthday":"1990-12-10","timezone":"Europe/London"}""", "version")]
    [InlineData("""{"firstName":"Ada","lastName":"Lovelace","email":"ada@example.com","birthday":"1990-12-10","timezone":"PST"}""", "timezone")]
    public async Task Put_WithBadInput_Returns400NamingTheField(string body, string field)
    {
        var response = await api.Client.PutAsync("/api/v1/users/ada", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await Json.ReadAsync(response)).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Put_WithAMalformedIfMatch_Returns400()
    {
        var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/users/ada") { Content = new StringContent("{" + Valid + "}", Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("If-Match", "\"yesterday\"");

        var response = await api.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await Json.ReadAsync(response)).GetProperty("errors").TryGetProperty("If-Match", out _));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // After every test in this class: nothing reached storage.
    public async Task DisposeAsync() => Assert.Equal(0L, await api.StoredRowsAsync());

    private static string Replace(string from, string to) => "{" + Valid.Replace(from, to, StringComparison.Ordinal) + "}";

    private static byte[] Bytes(string before, byte[] raw, string after) => [.. Encoding.UTF8.GetBytes(before), .. raw, .. Encoding.UTF8.GetBytes(after)];

    private Task<HttpResponseMessage> PostAsync(string body)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return api.Client.PostAsync("/api/v1/users", content);
    }
}
