using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Reminders.Api.Tests;

/// <summary>Receiver answers (<c>lastResponseBody</c>) may carry what the receiver should not have echoed: only admins see them.</summary>
[Collection(SecuredApiTests.Name)]
public sealed class ReceiverAnswerVisibilityTests(SecuredApiFixture api)
{
    private const string Answer = "token=s3cr3t; the receiver echoed this";

    [Fact]
    public async Task LastResponseBody_IsShownToAdmin_AndHiddenFromRead_InEveryListing()
    {
        var due = api.Clock.GetUtcNow().AddHours(2);
        due = due.AddTicks(-(due.Ticks % TimeSpan.TicksPerMinute));
        var key = $"schedule:answers:{due.UtcDateTime.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture)}";
        api.Receiver.Respond = r => Task.FromResult(r.IdempotencyKey == key ? 422 : 200);
        api.Receiver.ErrorBody = Answer;
        try
        {
            Assert.Equal(HttpStatusCode.Created, (await api.Writer.PostAsJsonAsync("/api/v1/schedules", new
            {
                id = "answers", kind = "custom", timezone = "Etc/UTC", start = due.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture), message = "m",
            })).StatusCode);
            api.Clock.Advance(TimeSpan.FromHours(2));
            await api.AdvanceUntilAsync(async () => await FindAsync(api.Admin, "/api/v1/dead-letters?limit=500", key) is not null);
        }
        finally
        {
            api.Receiver.Respond = _ => Task.FromResult(200);
            api.Receiver.ErrorBody = null;
        }

        foreach (var path in new[] { "/api/v1/dead-letters?limit=500", "/api/v1/occurrences?entity=schedule:answers", "/api/v1/schedules/answers/occurrences" })
        {
            Assert.Equal(Answer, (await FindAsync(api.Admin, path, key))!.Value.GetProperty("lastResponseBody").GetString());
            var seenByReader = (await FindAsync(api.Reader, path, key))!.Value;
            Assert.True(!seenByReader.TryGetProperty("lastResponseBody", out var hidden) || hidden.ValueKind == JsonValueKind.Null, path);
            Assert.Equal(422, seenByReader.GetProperty("lastStatusCode").GetInt32());
        }
    }

    private static async Task<JsonElement?> FindAsync(HttpClient client, string path, string key)
    {
        var items = (await Json.ReadAsync(await client.GetAsync(path))).GetProperty("items").EnumerateArray();
        return items.Where(i => i.GetProperty("key").GetString() == key).Select(i => (JsonElement?)i).FirstOrDefault();
    }
}
