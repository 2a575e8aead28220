using System.Net;
using System.Text.RegularExpressions;

namespace Reminders.Api.Tests;

/// <summary>
/// <c>/docs</c>, the interactive reference: open, and whole without the internet, since a service's network may
/// have no way out. Its page names only assets relative to itself, and each of them loads from the host.
/// </summary>
[Collection(SecuredApiTests.Name)]
public sealed partial class ApiReferenceTests(SecuredApiFixture api)
{
    [Theory]
    [InlineData("/docs")]
    [InlineData("/docs/")]
    public async Task Docs_WithoutKey_ServesHtmlNamingOnlyLocalAssets(string path)
    {
        var response = await api.Client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("\"//", html, StringComparison.Ordinal);
        Assert.DoesNotContain("'//", html, StringComparison.Ordinal);
        Assert.Contains("scalar.js", Assets(html).Select(a => a.Url));
    }

    [Fact]
    public async Task Docs_EveryAssetItNames_LoadsWithoutKey()
    {
        var page = await api.Client.GetAsync("/docs/");
        var html = await page.Content.ReadAsStringAsync();
        var pageUri = page.RequestMessage!.RequestUri!;
        var assets = Assets(html);

        Assert.Contains(assets, a => a.IsSource);
        foreach (var (url, isSource) in assets)
        {
            var response = await api.Client.GetAsync(new Uri(isSource ? SourceBase(pageUri, html) : pageUri, url));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
            Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 0, $"{url} is empty");
            if (url.EndsWith(".js", StringComparison.Ordinal))
            {
                Assert.Contains("javascript", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
            }

            if (isSource)
            {
                Assert.StartsWith("3.1.", (await Json.ReadAsync(response)).GetProperty("openapi").GetString(), StringComparison.Ordinal);
            }
        }
    }

    /// <summary>
    /// What the page loads: script and link targets, module imports and the favicon, relative to the page; and the
    /// OpenAPI documents (<see cref="SourceBase"/>).
    /// </summary>
    private static List<(string Url, bool IsSource)> Assets(string html) =>
        [.. AssetReference().Matches(html).Select(m => (m.Groups["url"].Value, m.Groups["source"].Success)).Distinct()];

    /// <summary>
    /// Scalar's script resolves a document's URL against the application's base, not the page: the page's path
    /// without the suffix the page hands to <c>initialize</c> (<c>/docs/</c>), as its <c>getBasePath</c> does.
    /// </summary>
    private static Uri SourceBase(Uri page, string html)
    {
        var suffix = Uri.UnescapeDataString(Initialize().Match(html).Groups["suffix"].Value);
        Assert.EndsWith(suffix, page.AbsolutePath, StringComparison.Ordinal);
        return new Uri(page, page.AbsolutePath[..^suffix.Length] + "/");
    }

    [GeneratedRegex("""(?:\b(?:src|href)\s*=\s*|\bfrom\s+|"favicon"\s*:\s*|(?<source>"url"\s*:\s*))["'](?<url>[^"']+)["']""")]
    private static partial Regex AssetReference();

    [GeneratedRegex("""initialize\(\s*'(?<suffix>[^']*)'""")]
    private static partial Regex Initialize();
}
