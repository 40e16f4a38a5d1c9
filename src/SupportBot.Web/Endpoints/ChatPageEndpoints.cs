using System.Net;
using System.Text.Json;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using SupportBot.Channels.DirectLine;
using SupportBot.Engine.Center;
using SupportBot.Engine.Messages;
using SupportBot.Web.Composition;

namespace SupportBot.Web.Endpoints;

/// <summary>The web chat page at <c>GET /</c>: the official Web Chat against the embedded Direct Line.</summary>
internal static class ChatPageEndpoints
{
    public static void MapChatPage(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<WebChatOptions>>().Value;
        if (!string.IsNullOrEmpty(options.LocalScriptFolder))
        {
            app.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = new PhysicalFileProvider(Path.GetFullPath(SupportBot.Engine.Content.ContentOptions.Resolve(options.LocalScriptFolder))),
                RequestPath = "/webchat",
            });
        }

        var template = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "wwwroot", "index.html"));
        // ?locale=ja-JP-x-easy: the page in plain Japanese, and the chat too (the token asks for it; docs/accessibility.md).
        app.MapGet("/", (IOptions<WebChatOptions> webChat, IOptions<CenterOptions> center, MessageCatalog catalog, string? locale) =>
        {
            var asked = DirectLineService.ValidLocale(locale);
            var culture = catalog.ResolveCulture(asked ?? webChat.Value.Locale);
            var plain = MessageCatalog.IsVariant(culture);
            // The other register's page: the switch link (its label is the menu's switch button).
            var other = plain ? catalog.StandardCulture(culture) : catalog.PlainCulture(culture);
            string Text(string key) => Ruby.Reading(catalog.Text(culture, key));
            var html = template
                .Replace("{{lang}}", WebUtility.HtmlEncode(culture.Split('-')[0]))
                .Replace("{{title}}", WebUtility.HtmlEncode(center.Value.Name))
                .Replace("{{scriptUrl}}", WebUtility.HtmlEncode(webChat.Value.ScriptUrl))
                // Web Chat's own labels come in the base culture (it has no plain variant).
                .Replace("{{locale}}", WebUtility.HtmlEncode(MessageCatalog.BaseOf(culture)))
                .Replace("{{askedLocale}}", JsonSerializer.Serialize(plain ? culture : null))
                .Replace("{{sos}}", WebUtility.HtmlEncode(Text("menu.emergency")))
                .Replace("{{sosText}}", JsonSerializer.Serialize(Text("menu.emergency")))
                .Replace("{{switchHref}}", WebUtility.HtmlEncode(other == culture ? "./" : "?locale=" + Uri.EscapeDataString(other)))
                .Replace("{{switchLabel}}", WebUtility.HtmlEncode(Text("menu.register")))
                .Replace("{{unavailable}}", JsonSerializer.Serialize(Text("webchat.unavailable")));
            return Results.Content(html, "text/html; charset=utf-8");
        });
        // The page may ask for a locale (?locale=ja-JP-x-easy: plain Japanese, docs/accessibility.md).
        app.MapPost("/api/webchat/token", (DirectLineService directLine, string? locale) => directLine.PageToken(locale).ToResult());
    }
}
