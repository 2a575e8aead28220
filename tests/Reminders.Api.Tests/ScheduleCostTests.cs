using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Reminders.Api.Schedules;
using static Reminders.Api.Tests.CostBodies;

namespace Reminders.Api.Tests;

/// <summary>
/// The reported cost bombs, sent as they were: each is a 400 problem naming the field (and the rule part or the
/// limit), on create and on preview, and nothing is stored. Reading each one, on this thread, allocates a bounded
/// amount (measured in bytes, not time).
/// </summary>
public sealed class ScheduleCostTests(ApiFixture api) : IClassFixture<ApiFixture>, IAsyncLifetime
{
    /// <summary>The request limit is 50 MB; validation must stay far below it.</summary>
    private const long TightBytes = 5_000_000;

    public static TheoryData<string, string, string, string> Bombs => new()
    {
        // case, body, the member of 'errors' that must name it, a fragment of its message
        { "2 KB BYSETPOS rule", Body("bomb-setpos", ReportedSetPosRule), "rrule", "BYSECOND: at most 1 value" },
        { "HOURLY every second", Body("bomb-second", EverySecondRule), "rrule", "at least a minute apart, at most 60 an hour" },
        { "never-matching hourly", Body("bomb-never", NeverMatchingHourlyRule), "rrule", "no occurrence within the search bound" },
        { "1,333 placeholders", PlaceholderBomb("bomb-template"), "message", "1,333,000 bytes" },
    };

    [Theory]
    [MemberData(nameof(Bombs))]
    public async Task Create_CostBomb_Returns400NamingTheFieldAndStoresNothing(string @case, string body, string field, string fragment)
    {
        await AssertRejectedAsync(await PostAsync("/api/v1/schedules", body), @case, field, fragment);

        var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.NotFound, (await api.Client.GetAsync($"/api/v1/schedules/{id}")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Bombs))]
    public async Task Preview_CostBomb_Returns400NamingTheField(string @case, string body, string field, string fragment) =>
        await AssertRejectedAsync(await PostAsync("/api/v1/schedules/preview?count=1000", body), @case, field, fragment);

    [Theory]
    [MemberData(nameof(Bombs))]
    public void Read_CostBomb_AllocatesABoundedAmount(string @case, string body, string field, string fragment)
    {
        var reader = api.Factory.Services.GetRequiredService<ScheduleRequestReader>();
        using var document = JsonDocument.Parse(body);
        _ = reader.Read(JsonDocument.Parse(Body(null, "FREQ=DAILY")).RootElement, null, out _); // warm-up: zones, JIT

        var before = GC.GetAllocatedBytesForCurrentThread();
        var request = reader.Read(document.RootElement, null, out var errors);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Null(request);
        Assert.Contains(errors[field], m => m.Contains(fragment, StringComparison.Ordinal));
        Assert.True(allocated < TightBytes, $"{@case}: {allocated:N0} bytes");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // After every test in this class: nothing reached storage.
    public async Task DisposeAsync() => Assert.Equal(0L, await api.StoredRowsAsync());

    private static async Task AssertRejectedAsync(HttpResponseMessage response, string @case, string field, string fragment)
    {
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{@case}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await Json.ReadAsync(response);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), $"{@case}: errors should name '{field}': {problem}");
        Assert.Contains(messages.EnumerateArray(), m => m.GetString()!.Contains(fragment, StringComparison.Ordinal));
    }

    private Task<HttpResponseMessage> PostAsync(string path, string body) =>
        api.Client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
}
