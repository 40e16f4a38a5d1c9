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
        app.MapGet("/", (IOptions<WebChatOptions> webChat, IOptions<CenterOptions> center, MessageCatalog catalog) =>
        {
            var culture = catalog.ResolveCulture(webChat.Value.Locale);
            var html = template
                .Replace("{{lang}}", WebUtility.HtmlEncode(culture.Split('-')[0]))
                .Replace("{{title}}", WebUtility.HtmlEncode(center.Value.Name))
                .Replace("{{scriptUrl}}", WebUtility.HtmlEncode(webChat.Value.ScriptUrl))
                .Replace("{{locale}}", WebUtility.HtmlEncode(culture))
                .Replace("{{unavailable}}", JsonSerializer.Serialize(catalog.Text(culture, "webchat.unavailable")));
            return Results.Content(html, "text/html; charset=utf-8");
        });
        // The page may ask for a locale (?locale=ja-JP-x-easy: plain Japanese, docs/accessibility.md).
        app.MapPost("/api/webchat/token", (DirectLineService directLine, string? locale) => directLine.PageToken(locale).ToResult());
    }
}
