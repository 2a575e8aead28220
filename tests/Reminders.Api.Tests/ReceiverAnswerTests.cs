using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace Reminders.Api.Tests;

/// <summary>A host whose logs are captured, to see that a receiver's odd answer is never a storage failure.</summary>
public sealed class CapturingApiFixture : ApiFixture
{
    public CapturedLogs Logs { get; } = new();

    protected override ApiFactory CreateFactory() => new(Database, Clock, Receiver.Url, logs: Logs);
}

/// <summary>What a receiver answers is stored as text PostgreSQL accepts, however broken its bytes are.</summary>
public sealed class ReceiverAnswerTests(CapturingApiFixture api) : IClassFixture<CapturingApiFixture>
{
    [Fact]
    public async Task A_dead_letter_whose_receiver_answered_NUL_and_invalid_UTF8_is_stored_listed_and_never_a_storage_failure()
    {
        const string Key = "schedule:nul-answer:20261201T000100";
        api.Receiver.ErrorBodyBytes = [.. "no\0pe "u8, 0xC3, 0x28, 0xFF, .. " done"u8];
        api.Receiver.Respond = _ => Task.FromResult(422);
        var created = await api.Client.PostAsJsonAsync("/api/v1/schedules", new
        {
            id = "nul-answer", kind = "custom", timezone = "Etc/UTC", start = "2026-12-01T00:01:00", message = "m",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        api.Clock.Advance(TimeSpan.FromMinutes(1));
        await api.AdvanceUntilAsync(async () => (await Json.ReadAsync(await api.Client.GetAsync("/api/v1/dead-letters"))).GetProperty("items").GetArrayLength() == 1);

        var deadLetter = (await Json.ReadAsync(await api.Client.GetAsync("/api/v1/dead-letters"))).GetProperty("items")[0];
        Assert.Equal((Key, "no\uFFFDpe \uFFFD(\uFFFD done"), (deadLetter.GetProperty("key").GetString(), deadLetter.GetProperty("lastResponseBody").GetString()));
        var history = await api.Client.GetAsync("/api/v1/schedules/nul-answer/occurrences");
        Assert.Equal(HttpStatusCode.OK, history.StatusCode);
        Assert.Equal("deadLettered", (await Json.ReadAsync(history)).GetProperty("items")[0].GetProperty("status").GetString());
        var listed = await Json.ReadAsync(await api.Client.GetAsync("/api/v1/occurrences?status=deadLettered"));
        Assert.Equal(Key, listed.GetProperty("items")[0].GetProperty("key").GetString());

        // Minutes of safety-net ticks later, nothing has failed to write.
        for (var minute = 0; minute < 3; minute++)
        {
            api.Clock.Advance(TimeSpan.FromMinutes(1));
            Assert.Equal(HttpStatusCode.OK, (await api.Client.GetAsync("/api/v1/dead-letters")).StatusCode);
        }

        Assert.DoesNotContain(api.Logs.Lines, l => l.Message.StartsWith("Writing ", StringComparison.Ordinal)
            || l.Message.Contains("transient", StringComparison.Ordinal) || l.Message.Contains("22021", StringComparison.Ordinal)
            || l.Message.Contains("dispatch loop", StringComparison.Ordinal));
        Assert.DoesNotContain((byte)0, Encoding.UTF8.GetBytes(deadLetter.GetRawText()));
    }
}
