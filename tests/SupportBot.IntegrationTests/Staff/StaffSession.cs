using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SupportBot.Engine.Staff;
using SupportBot.Engine.State;
using SupportBot.IntegrationTests.Support;

namespace SupportBot.IntegrationTests.Staff;

/// <summary>
/// A browser-like client of the staff console over the real HTTP pipeline: its own cookies, HTTPS (so Secure
/// cookies come back), no automatic redirects, and the antiforgery token read from each page's form.
/// </summary>
public sealed partial class StaffSession(HttpClient client)
{
    public HttpClient Client { get; } = client;

    public static StaffSession Open(BotApp app) => new(app.CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri("https://localhost"),
        AllowAutoRedirect = false,
        HandleCookies = true,
    }));

    /// <summary>Creates an account directly through the app's services; returns its password.</summary>
    public static async Task<string> AddAccountAsync(BotApp app, string name, StaffRole role) =>
        await app.Services.GetRequiredService<StaffAccounts>().AddAsync(name, null, role) ?? throw new InvalidOperationException("taken");

    public async Task<HttpResponseMessage> GetAsync(string path) => await Client.GetAsync(path);

    public async Task<string> PageAsync(string path)
    {
        var response = await Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Posts a form of <paramref name="page"/> with the token that page carries (as a browser would).</summary>
    public async Task<HttpResponseMessage> PostAsync(string page, string action, params (string Name, string Value)[] fields)
    {
        var html = await (await Client.GetAsync(page)).Content.ReadAsStringAsync();
        var token = Token(html) ?? throw new InvalidOperationException($"No antiforgery token on {page}.");
        return await PostRawAsync(action, [.. fields, ("__RequestVerificationToken", token)]);
    }

    public Task<HttpResponseMessage> PostRawAsync(string action, params (string Name, string Value)[] fields) =>
        Client.PostAsync(action, new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))));

    public async Task<HttpResponseMessage> SignInAsync(string name, string password) =>
        await PostAsync("/staff/login", "/staff/login", ("UserName", name), ("Password", password));

    public static string? Token(string html) => TokenPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
