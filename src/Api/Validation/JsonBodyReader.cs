using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Reminders.Api.Validation;

/// <summary>
/// Reads a request body as one JSON object, turning every way a client can get that wrong into a problem
/// response: wrong media type (415), too large (413), malformed, not an object or not Unicode text (400).
/// </summary>
public static class JsonBodyReader
{
    /// <summary>The largest body accepted, in bytes.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 16, AllowDuplicateProperties = false };

    public static async Task<(JsonDocument? Document, ProblemHttpResult? Problem)> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!IsJson(request.ContentType))
        {
            return (null, Problems.Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                "Send the body as JSON with 'Content-Type: application/json'."));
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, TooLarge());
        }

        byte[] body;
        try
        {
            body = await ReadLimitedAsync(request.Body, cancellationToken);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge());
        }

        if (body.Length > MaxBodyBytes)
        {
            return (null, TooLarge());
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException ex)
        {
            return (null, Problems.Validation("body", $"The body is not valid JSON: {ex.Message}"));
        }
        catch (InvalidOperationException)
        {
            // The duplicate-member check decodes member names, and throws this for an escaped lone surrogate in one.
            return (null, Problems.Validation("body", "The body's member names must be valid UTF-8 text, without unpaired surrogates such as \\udc00."));
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            return (null, Problems.Validation("body", "The body must be a JSON object."));
        }

        if (JsonText.FindInvalid(document.RootElement) is { } field)
        {
            document.Dispose();
            return (null, Problems.Validation(field, $"{field} must be valid UTF-8 text, without unpaired surrogates such as \\ud800."));
        }

        return (document, null);
    }

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
        && (mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase));

    // Reads at most one byte past the limit, so an oversized body is detected without buffering all of it.
    private static async Task<byte[]> ReadLimitedAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while (buffer.Length <= MaxBodyBytes && (read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static ProblemHttpResult TooLarge() =>
        Problems.Status(StatusCodes.Status413PayloadTooLarge, "Request body too large",
            $"The body must be at most {MaxBodyBytes / 1024} KiB.");
}
