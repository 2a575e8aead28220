using System.Text.Json;

namespace Reminders.Api.Tests;

/// <summary>Reads response bodies as JSON documents, so tests assert on the wire shape, not on server types.</summary>
public static class Json
{
    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response) =>
        (await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync())).RootElement;

    public static object Ada(string? id = "ada", string zone = "Europe/London", string birthday = "1990-12-10") => new
    {
        id,
        firstName = "Ada",
        lastName = "Lovelace",
        email = "ada@example.com",
        birthday,
        timezone = zone,
    };
}
