using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace GuaGou.Web.Tests;

/// <summary>Reading pages and posting their forms the way a browser does, antiforgery token included.</summary>
public static class Html
{
    public static async Task<IDocument> GetDocumentAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"GET {url} → {(int)response.StatusCode}");
        return await ParseAsync(response);
    }

    public static async Task<IDocument> ParseAsync(HttpResponseMessage response) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

    /// <summary>Loads <paramref name="pageUrl"/>, fills the form named <paramref name="formName"/> and posts it to its action.</summary>
    public static async Task<HttpResponseMessage> SubmitFormAsync(
        this HttpClient client, string pageUrl, string formName, IDictionary<string, string> fields)
    {
        var page = await client.GetDocumentAsync(pageUrl);
        var form = page.QuerySelectorAll("form")
            .FirstOrDefault(f => f.QuerySelector($"input[name='_handler'][value='{formName}']") is not null)
            ?? throw new InvalidOperationException($"{pageUrl} has no form named {formName}");
        var values = form.QuerySelectorAll("input[type='hidden']")
            .ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? string.Empty);
        foreach (var (name, value) in fields)
        {
            values[name] = value;
        }

        var action = form.GetAttribute("action") is { Length: > 0 } a ? a : pageUrl;
        return await client.PostAsync(action, new FormUrlEncodedContent(values));
    }

    /// <summary>
    /// Loads <paramref name="pageUrl"/> and posts its form named <paramref name="formName"/> as multipart/form-data with
    /// the given fields and one file in the field "file", as a browser's upload does.
    /// </summary>
    public static async Task<HttpResponseMessage> UploadFormAsync(this HttpClient client, string pageUrl, string formName,
        IDictionary<string, string> fields, byte[] file, string fileName)
    {
        var page = await client.GetDocumentAsync(pageUrl);
        var form = page.QuerySelectorAll("form")
            .FirstOrDefault(f => f.QuerySelector($"input[name='_handler'][value='{formName}']") is not null)
            ?? throw new InvalidOperationException($"{pageUrl} has no form named {formName}");
        using var body = new MultipartFormDataContent();
        foreach (var hidden in form.QuerySelectorAll("input[type='hidden']"))
        {
            body.Add(new StringContent(hidden.GetAttribute("value") ?? string.Empty), hidden.GetAttribute("name")!);
        }

        foreach (var (name, value) in fields)
        {
            body.Add(new StringContent(value), name);
        }

        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        body.Add(content, "file", fileName);
        return await client.PostAsync(form.GetAttribute("action") is { Length: > 0 } action ? action : pageUrl, body);
    }

    /// <summary>
    /// Posts the form named <paramref name="formName"/> to <paramref name="url"/> without opening it first — as someone
    /// would who may not open that page — with this session's antiforgery token taken from a page every signed-in user
    /// may open (the change-password form).
    /// </summary>
    public static async Task<HttpResponseMessage> PostFormBlindAsync(this HttpClient client, string url, string formName, IDictionary<string, string> fields)
    {
        var page = await client.GetDocumentAsync("/account/change-password");
        var token = page.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        var values = new Dictionary<string, string>(fields) { ["_handler"] = formName, ["__RequestVerificationToken"] = token };
        return await client.PostAsync(url, new FormUrlEncodedContent(values));
    }

    /// <summary>The value of the option whose text is <paramref name="text"/> in the select <paramref name="selector"/> of a page.</summary>
    public static async Task<string> OptionValueAsync(this HttpClient client, string pageUrl, string selector, string text) =>
        (await client.GetDocumentAsync(pageUrl)).QuerySelectorAll($"{selector} option").First(o => o.TextContent == text).GetAttribute("value")!;

    /// <summary>Where a redirect goes, as a local path and query; fails if it leaves the app's host.</summary>
    public static string RedirectTarget(this HttpResponseMessage response)
    {
        Assert.True((int)response.StatusCode is >= 300 and < 400, $"expected a redirect, got {(int)response.StatusCode}");
        var location = response.Headers.Location!;
        if (!location.IsAbsoluteUri)
        {
            return location.OriginalString;
        }

        Assert.Equal("localhost", location.Host);
        return location.PathAndQuery;
    }

    public static Task<HttpResponseMessage> SignInAsync(this HttpClient client, string userName, string password, string loginUrl = "/account/login") =>
        client.SubmitFormAsync(loginUrl, "login", new Dictionary<string, string>
        {
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        });
}
