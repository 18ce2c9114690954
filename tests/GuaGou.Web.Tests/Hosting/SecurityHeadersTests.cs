using System.Net;
using System.Text.RegularExpressions;
using GuaGou.Domain.Access;
using GuaGou.Testing;
using GuaGou.Web.Hosting;

namespace GuaGou.Web.Tests.Hosting;

public sealed partial class SecurityHeadersTests(GuaGouAppFactory app) : IClassFixture<GuaGouAppFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/projects")]
    [InlineData("/projects/export.xlsx")]
    [InlineData("/api/projects")]
    [InlineData("/no/such/page")]
    public async Task SignedInResponses_CarryTheSecurityHeadersAndNoStore(string path)
    {
        using var client = await SignedInClientAsync();

        var response = await client.GetAsync(path);

        AssertSecurityHeaders(response);
        Assert.True(response.Headers.CacheControl?.NoStore, $"{path}: Cache-Control {response.Headers.CacheControl}");
    }

    [Fact]
    public async Task LoginPageAndRedirects_CarryTheSecurityHeaders()
    {
        using var client = app.CreateBrowserlikeClient();

        AssertSecurityHeaders(await client.GetAsync("/account/login"));
        AssertSecurityHeaders(await client.GetAsync("/projects"));
    }

    [Fact]
    public void ThePolicy_AllowsNoInlineOrForeignScriptAndNoFraming()
    {
        var directives = SecurityHeaders.ContentSecurityPolicy.Split(';').Select(d => d.Trim())
            .ToDictionary(d => d.Split(' ')[0], d => d.Split(' ').Skip(1).ToList());

        Assert.Equal(["'self'"], directives["script-src"]);
        Assert.Equal(["'self'"], directives["default-src"]);
        Assert.Equal(["'none'"], directives["frame-ancestors"]);
        Assert.Equal(["'none'"], directives["object-src"]);
        Assert.DoesNotContain(directives.Values.SelectMany(v => v), v => v is "'unsafe-eval'" or "*" or "http:" or "https:");
    }

    [Fact]
    public async Task StaticFiles_KeepTheirCacheHeaders()
    {
        using var client = await SignedInClientAsync();
        var home = await client.GetDocumentAsync("/");
        var stylesheet = home.QuerySelector("link[rel='stylesheet'][href*='bootstrap']")!.GetAttribute("href")!;

        var response = await client.GetAsync("/" + stylesheet);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(true, response.Headers.CacheControl?.NoStore);
        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task RenderedPages_HaveNoInlineScriptsOrEventHandlers()
    {
        using var client = await SignedInClientAsync();
        foreach (var path in new[] { "/", "/projects", "/projects/new", "/account/change-password" })
        {
            var page = await client.GetDocumentAsync(path);
            Assert.All(page.QuerySelectorAll("script"), s => Assert.False(string.IsNullOrEmpty(s.GetAttribute("src")), $"{path}: inline <script>"));
            Assert.DoesNotContain(page.All.SelectMany(e => e.Attributes), a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)
                || a.Value.TrimStart().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>Every page, not only the ones above: the CSP would block an inline script, so none may be written.</summary>
    [Fact]
    public void ComponentsAndScripts_ContainNoInlineScriptsOrEventHandlerAttributes()
    {
        var web = Path.Combine(GuaGouAppFactory.RepositoryRoot(), "src", "GuaGou.Web");
        var razor = Directory.EnumerateFiles(Path.Combine(web, "Components"), "*.razor", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(razor);
        foreach (var file in razor)
        {
            var text = File.ReadAllText(file);
            Assert.False(InlineScript().IsMatch(text), $"{file}: <script> without src");
            Assert.False(EventHandlerAttribute().IsMatch(text), $"{file}: on…= event-handler attribute");
            Assert.DoesNotContain("javascript:", text, StringComparison.OrdinalIgnoreCase);
        }

        foreach (var file in Directory.EnumerateFiles(Path.Combine(web, "wwwroot", "js"), "*.js", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            Assert.DoesNotContain("eval(", text, StringComparison.Ordinal);
            Assert.DoesNotContain("new Function", text, StringComparison.Ordinal);
            Assert.DoesNotContain(".innerHTML", text, StringComparison.Ordinal);
        }
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        var csp = string.Join(",", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, csp);
        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", string.Join(",", response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("same-origin", string.Join(",", response.Headers.GetValues("Referrer-Policy")));
    }

    private async Task<HttpClient> SignedInClientAsync()
    {
        var userName = $"h{Guid.NewGuid():N}"[..16];
        await app.CreateUserAsync(userName, Roles.CountyClerk, "150421");
        var client = app.CreateBrowserlikeClient();
        await client.SignInAsync(userName, GuaGouAppFactory.Password);
        return client;
    }

    [GeneratedRegex(@"<script(?![^>]*\bsrc\s*=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"<[a-zA-Z][^>]*\s[oO][nN][a-z]+\s*=")] // not OnValidSubmit= (a component parameter)
    private static partial Regex EventHandlerAttribute();
}
