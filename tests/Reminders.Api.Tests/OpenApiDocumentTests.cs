using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Reminders.Api.Tests;

/// <summary>
/// <c>/openapi/v1.json</c> against the routes the host really maps: every <c>/api/v1</c> route is documented (so a
/// new one cannot go undocumented) with its scope, its security schemes, its body and its problem responses.
/// </summary>
[Collection(SecuredApiTests.Name)]
public sealed class OpenApiDocumentTests(SecuredApiFixture api)
{
    private static readonly string[] HttpMethods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

    [Fact]
    public async Task Document_WithoutKey_IsOpenApi31Json()
    {
        var response = await api.Client.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("3.1.", (await Json.ReadAsync(response)).GetProperty("openapi").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DocumentedOperations_AreExactlyTheMappedApiRoutes()
    {
        var document = await DocumentAsync();
        var documented = Operations(document).Select(o => (o.Method, o.Path)).Order().ToList();

        Assert.Equal(MappedApiRoutes().Keys.Order().ToList(), documented);
        Assert.Contains(("POST", "/api/v1/schedules/{id}/pause"), documented);
    }

    [Fact]
    public async Task EveryOperation_HasASummaryAndNamesItsScopeAndBothKeySchemes()
    {
        var document = await DocumentAsync();
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("bearer", schemes.GetProperty("Bearer").GetProperty("scheme").GetString());
        Assert.Equal("header", schemes.GetProperty("ApiKey").GetProperty("in").GetString());
        Assert.Equal("X-Api-Key", schemes.GetProperty("ApiKey").GetProperty("name").GetString());
        var scopes = MappedApiRoutes();

        foreach (var (method, path, operation) in Operations(document))
        {
            Assert.False(string.IsNullOrWhiteSpace(operation.TryGetProperty("summary", out var summary) ? summary.GetString() : null), $"{method} {path} has no summary");

            // Two requirements, each naming one scheme: either way of sending the key will do.
            var requirements = operation.GetProperty("security").EnumerateArray().Select(r => Assert.Single(r.EnumerateObject()).Name).Order();
            Assert.Equal(["ApiKey", "Bearer"], requirements);
            Assert.Contains($"API key with the `{scopes[(method, path)]}` scope", operation.GetProperty("description").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task EveryOperation_ListsExactlyItsProblemResponses_AsProblemDocuments()
    {
        var document = await DocumentAsync();
        var scopes = MappedApiRoutes();

        foreach (var (method, path, operation) in Operations(document))
        {
            var responses = operation.GetProperty("responses");
            var problems = responses.EnumerateObject().Where(r => r.Name[0] is '4' or '5').ToList();
            Assert.True(ExpectedProblems(method, path, scopes[(method, path)], operation).SequenceEqual(problems.Select(p => p.Name).Order()),
                $"{method} {path} documents {string.Join(", ", problems.Select(p => p.Name))}");
            foreach (var problem in problems)
            {
                var content = Assert.Single(problem.Value.GetProperty("content").EnumerateObject());
                Assert.Equal("application/problem+json", content.Name);
                Assert.Equal(problem.Name == "400" ? "#/components/schemas/HttpValidationProblemDetails" : "#/components/schemas/ProblemDetails",
                    content.Value.GetProperty("schema").GetProperty("$ref").GetString());
            }
        }

        var schemas = document.GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.GetProperty("HttpValidationProblemDetails").GetProperty("properties").TryGetProperty("errors", out _));
        Assert.True(schemas.GetProperty("ProblemDetails").GetProperty("properties").TryGetProperty("status", out _));
    }

    [Theory]
    [InlineData("POST", "/api/v1/users", "UserBody", "birthday,email,firstName,lastName,timezone", "anniversary,birthday,email,firstName,id,lastName,timezone,version")]
    [InlineData("PUT", "/api/v1/users/{id}", "UserBody", "birthday,email,firstName,lastName,timezone", "anniversary,birthday,email,firstName,id,lastName,timezone,version")]
    [InlineData("POST", "/api/v1/schedules", "ScheduleBody", "kind,start,timezone", "alarms,calendar,exdates,id,kind,message,policy,rdates,recipient,rrule,start,timezone,version,webhookUrl")]
    [InlineData("PUT", "/api/v1/schedules/{id}", "ScheduleBody", "kind,start,timezone", "alarms,calendar,exdates,id,kind,message,policy,rdates,recipient,rrule,start,timezone,version,webhookUrl")]
    [InlineData("POST", "/api/v1/schedules/preview", "ScheduleBody", "kind,start,timezone", "alarms,calendar,exdates,id,kind,message,policy,rdates,recipient,rrule,start,timezone,version,webhookUrl")]
    public async Task JsonBody_IsRequiredAndDescribedFieldByField(string method, string path, string schema, string required, string fields)
    {
        var document = await DocumentAsync();
        var body = Operation(document, method, path).GetProperty("requestBody");

        Assert.True(body.GetProperty("required").GetBoolean());
        Assert.Equal($"#/components/schemas/{schema}", body.GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
        var described = document.GetProperty("components").GetProperty("schemas").GetProperty(schema);
        Assert.Equal(required, string.Join(',', described.GetProperty("required").EnumerateArray().Select(e => e.GetString()).Order()));
        var properties = described.GetProperty("properties").EnumerateObject().ToList();
        Assert.Equal(fields, string.Join(',', properties.Select(p => p.Name).Order()));
        Assert.All(properties, p => Assert.False(string.IsNullOrWhiteSpace(Description(p.Value)), $"{schema}.{p.Name} has no description"));
    }

    /// <summary>Declaring a body for the document must not let routing judge Content-Type before the handler does.</summary>
    [Theory]
    [InlineData("/api/v1/users", "text/plain", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("/api/v1/schedules/nobody/pause", "text/plain", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("/api/v1/users", "application/vnd.reminders+json", HttpStatusCode.BadRequest)]
    public async Task DocumentedBody_LeavesContentTypeToTheHandler(string path, string mediaType, HttpStatusCode expected)
    {
        var content = new StringContent("{}", System.Text.Encoding.UTF8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);

        var response = await api.Writer.PostAsync(path, content);
        var problem = await Json.ReadAsync(response);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(expected == HttpStatusCode.BadRequest ? "See 'errors' for each field that was rejected." : "Send the body as JSON with 'Content-Type: application/json'.",
            problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("DELETE", "/api/v1/users/{id}")]
    [InlineData("DELETE", "/api/v1/schedules/{id}")]
    [InlineData("POST", "/api/v1/schedules/{id}/pause")]
    [InlineData("POST", "/api/v1/schedules/{id}/resume")]
    [InlineData("POST", "/api/v1/occurrences/{key}/retry")]
    [InlineData("POST", "/api/v1/occurrences/{key}/discard")]
    public async Task ReasonBody_IsOptional(string method, string path)
    {
        var document = await DocumentAsync();
        var body = Operation(document, method, path).GetProperty("requestBody");

        Assert.False(body.TryGetProperty("required", out var required) && required.GetBoolean());
        Assert.Equal("#/components/schemas/ReasonBody", body.GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
        Assert.Equal("reason", Assert.Single(document.GetProperty("components").GetProperty("schemas").GetProperty("ReasonBody").GetProperty("properties").EnumerateObject()).Name);
    }

    [Theory]
    [InlineData("POST", "/api/v1/users", "201,200", "UserResponse")]
    [InlineData("GET", "/api/v1/users/{id}", "200", "UserResponse")]
    [InlineData("GET", "/api/v1/users/{id}/occurrences", "200", "OccurrencesResponse")]
    [InlineData("POST", "/api/v1/schedules", "201,200", "ScheduleResponse")]
    [InlineData("POST", "/api/v1/schedules/{id}/pause", "200", "ScheduleResponse")]
    [InlineData("GET", "/api/v1/schedules/{id}/upcoming", "200", "PreviewResponse")]
    [InlineData("POST", "/api/v1/schedules/preview", "200", "PreviewResponse")]
    [InlineData("GET", "/api/v1/occurrences", "200", "LedgerPageResponse")]
    [InlineData("GET", "/api/v1/dead-letters", "200", "DeadLetterPageResponse")]
    [InlineData("POST", "/api/v1/occurrences/{key}/retry", "200", "OccurrenceResponse")]
    [InlineData("GET", "/api/v1/audit", "200", "AuditPageResponse")]
    [InlineData("GET", "/api/v1/users", "200", "CatalogPageResponse")]
    [InlineData("GET", "/api/v1/schedules", "200", "CatalogPageResponse")]
    [InlineData("GET", "/api/v1/stats", "200", "StatsResponse")]
    [InlineData("POST", "/api/v1/schedules/{id}/trigger", "202,200", "OccurrenceResponse")]
    [InlineData("POST", "/api/v1/users/{id}/trigger", "202,200", "OccurrenceResponse")]
    [InlineData("POST", "/api/v1/schedules/{id}/backfill", "200", "BackfillResponse")]
    [InlineData("POST", "/api/v1/occurrences/retry", "200", "BulkResponse")]
    [InlineData("POST", "/api/v1/occurrences/discard", "200", "BulkResponse")]
    public async Task SuccessResponses_NameTheirRepresentation(string method, string path, string statuses, string schema)
    {
        var document = await DocumentAsync();
        var successes = Operation(document, method, path).GetProperty("responses").EnumerateObject().Where(r => r.Name[0] == '2').ToList();

        Assert.Equal(statuses.Split(',').Order(), successes.Select(s => s.Name).Order());
        Assert.All(successes, s => Assert.Equal($"#/components/schemas/{schema}",
            s.Value.GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString()));
    }

    [Theory]
    [InlineData("DELETE", "/api/v1/users/{id}")]
    [InlineData("DELETE", "/api/v1/schedules/{id}")]
    public async Task Delete_Documents204WithoutContent(string method, string path)
    {
        var document = await DocumentAsync();
        var success = Assert.Single(Operation(document, method, path).GetProperty("responses").EnumerateObject(), r => r.Name[0] == '2');

        Assert.Equal("204", success.Name);
        Assert.False(success.Value.TryGetProperty("content", out _));
    }

    [Theory]
    [InlineData("GET", "/api/v1/users/{id}", "path:id")]
    [InlineData("PUT", "/api/v1/users/{id}", "header:If-Match,path:id")]
    [InlineData("GET", "/api/v1/users/{id}/occurrences", "path:id,query:after,query:limit")]
    [InlineData("POST", "/api/v1/schedules/preview", "query:count")]
    [InlineData("PUT", "/api/v1/schedules/{id}", "header:If-Match,path:id")]
    [InlineData("POST", "/api/v1/schedules/{id}/pause", "header:If-Match,path:id")]
    [InlineData("POST", "/api/v1/schedules/{id}/resume", "header:If-Match,path:id")]
    [InlineData("GET", "/api/v1/schedules/{id}/upcoming", "path:id,query:count")]
    [InlineData("GET", "/api/v1/dead-letters", "query:after,query:kind,query:limit")]
    [InlineData("GET", "/api/v1/occurrences", "query:after,query:dueFrom,query:dueTo,query:entity,query:kind,query:limit,query:status")]
    [InlineData("POST", "/api/v1/occurrences/{key}/retry", "path:key")]
    [InlineData("GET", "/api/v1/audit", "query:after,query:entity,query:limit")]
    [InlineData("GET", "/api/v1/users", "query:after,query:dueFrom,query:dueTo,query:hasDeadLetters,query:kind,query:limit,query:paused,query:q,query:zone")]
    [InlineData("POST", "/api/v1/schedules/{id}/trigger", "header:Idempotency-Key,path:id")]
    [InlineData("POST", "/api/v1/users/{id}/trigger", "header:Idempotency-Key,path:id")]
    [InlineData("GET", "/api/v1/schedules", "query:after,query:dueFrom,query:dueTo,query:hasDeadLetters,query:kind,query:limit,query:paused,query:q,query:zone")]
    public async Task HandReadParameters_AreDocumented(string method, string path, string parameters)
    {
        var operation = Operation(await DocumentAsync(), method, path);
        var documented = operation.TryGetProperty("parameters", out var list) ? list.EnumerateArray().ToList() : [];

        Assert.Equal(parameters, string.Join(',', documented.Select(p => $"{p.GetProperty("in").GetString()}:{p.GetProperty("name").GetString()}").Order(StringComparer.Ordinal)));
        Assert.All(documented.Where(p => p.GetProperty("in").GetString() != "path"), p => Assert.False(string.IsNullOrWhiteSpace(p.GetProperty("description").GetString())));
    }

    [Fact]
    public async Task Integers_AreDocumentedAsIntegersOnly()
    {
        var schemas = (await DocumentAsync()).GetProperty("components").GetProperty("schemas");

        var bodyVersion = schemas.GetProperty("UserBody").GetProperty("properties").GetProperty("version");
        var responseVersion = schemas.GetProperty("UserResponse").GetProperty("properties").GetProperty("version");

        Assert.Equal(["null", "integer"], bodyVersion.GetProperty("type").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("integer", responseVersion.GetProperty("type").GetString());
        Assert.False(bodyVersion.TryGetProperty("pattern", out _));
    }

    /// <summary>A property's description: its own, or for a nullable reference (<c>oneOf</c> null or the type) its type's.</summary>
    private static string? Description(JsonElement property) =>
        property.TryGetProperty("description", out var own) ? own.GetString()
        : property.TryGetProperty("oneOf", out var choices) ? choices.EnumerateArray().Select(c => c.TryGetProperty("description", out var d) ? d.GetString() : null).FirstOrDefault(d => d is not null)
        : null;

    /// <summary>
    /// The problems each route can answer: from the pipeline, 400 (a path or query value the guard refuses), 401,
    /// 429 and 503, and 403 unless the scope is read (every key has read); from the handler, 404 where a path names
    /// an entity, 413 and 415 where it reads a body, 409 for a create, a trigger and a backfill and 412 where it takes If-Match.
    /// </summary>
    private static IEnumerable<string> ExpectedProblems(string method, string path, string scope, JsonElement operation)
    {
        var expected = new List<int> { 400, 401, 429, 503 };
        expected.AddRange(scope == "read" ? [] : [403]);
        // A calendar's PUT creates or replaces, with no version to match: never a 404 or a 412.
        var calendarPut = method == "PUT" && path.StartsWith("/api/v1/calendars/", StringComparison.Ordinal);
        expected.AddRange(path.Contains('{', StringComparison.Ordinal) && !calendarPut ? [404] : []);
        expected.AddRange(operation.TryGetProperty("requestBody", out _) ? [413, 415] : []);
        expected.AddRange(method == "POST" && path is "/api/v1/users" or "/api/v1/schedules" or "/api/v1/schedules/{id}/trigger" or "/api/v1/schedules/{id}/backfill" or "/api/v1/users/{id}/trigger" ? [409] : []);
        expected.AddRange(method == "DELETE" && path == "/api/v1/calendars/{id}" ? [409] : []);
        expected.AddRange((method == "PUT" && !calendarPut) || path.EndsWith("/pause", StringComparison.Ordinal) || path.EndsWith("/resume", StringComparison.Ordinal) ? [412] : []);
        return expected.Order().Select(s => s.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Every method and path the host maps under <c>/api/v1</c> (no trailing slash), with the scope its policy names.</summary>
    private Dictionary<(string Method, string Path), string> MappedApiRoutes()
    {
        var routes = new Dictionary<(string Method, string Path), string>();
        foreach (var endpoint in api.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var path = "/" + endpoint.RoutePattern.RawText!.Trim('/');
            if (!path.StartsWith("/api/v1/", StringComparison.Ordinal))
            {
                continue;
            }

            var scope = Assert.Single(endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>(), a => a.Policy is not null).Policy!;
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
            {
                routes.Add((method, path), scope);
            }
        }

        Assert.NotEmpty(routes);
        return routes;
    }

    private static IEnumerable<(string Method, string Path, JsonElement Operation)> Operations(JsonElement document) =>
        from path in document.GetProperty("paths").EnumerateObject()
        from member in path.Value.EnumerateObject()
        where HttpMethods.Contains(member.Name)
        select (member.Name.ToUpperInvariant(), path.Name.TrimEnd('/'), member.Value);

    private static JsonElement Operation(JsonElement document, string method, string path) =>
        Assert.Single(Operations(document), o => o.Method == method && o.Path == path).Operation;

    private async Task<JsonElement> DocumentAsync()
    {
        var response = await api.Client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Json.ReadAsync(response);
    }
}
