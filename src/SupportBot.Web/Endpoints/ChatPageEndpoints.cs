using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.StaticFiles;
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
        MapShippedWebChat(app, options);
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
                // crossorigin only with a hash: SRI needs it on another host, and without a hash it would make a CDN
                // that sends no CORS headers fail for no gain.
                .Replace("{{scriptIntegrity}}", webChat.Value.Integrity() is { } integrity
                    ? $" integrity=\"{WebUtility.HtmlEncode(integrity)}\" crossorigin=\"anonymous\""
                    : "")
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

    /// <summary>
    /// The Web Chat copy in wwwroot/webchat/&lt;version&gt;/ at /webchat/&lt;version&gt;/: the page works without
    /// internet. Its URL changes with the version, so browsers may keep it a year without asking again.
    /// </summary>
    private static void MapShippedWebChat(WebApplication app, WebChatOptions options)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "wwwroot", "webchat");
        var shipped = Path.Combine(folder, WebChatOptions.ShippedScriptUrl["webchat/".Length..]);
        if (!File.Exists(shipped))
        {
            // Only fatal when the page would load it: the page would otherwise show "could not connect" to everyone.
            if (options.Integrity() == WebChatOptions.ShippedIntegrity && !options.IsOtherHost)
                throw new InvalidOperationException($"The shipped Web Chat bundle is missing ({shipped}); the build copies it from src/SupportBot.Web/wwwroot/webchat/.");
            return;
        }
        // Only what the page needs (the bundle and the licence notices it points to), with a charset, so the
        // README and LICENSE beside them stay files of the repository rather than of the site.
        var types = new FileExtensionContentTypeProvider(new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [".js"] = "text/javascript; charset=utf-8",
            [".txt"] = "text/plain; charset=utf-8",
        });
        var compressed = new CompressedBundle(shipped);
        app.Use((context, next) => compressed.TryServe(context, "/" + WebChatOptions.ShippedScriptUrl) ?? next(context));
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(folder),
            RequestPath = "/webchat",
            ContentTypeProvider = types,
            OnPrepareResponse = context =>
            {
                context.Context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
                context.Context.Response.Headers.XContentTypeOptions = "nosniff";
            },
        });
    }

    /// <summary>
    /// The shipped bundle compressed once (brotli about 0.46 MB, gzip 0.49 MB, against 1.9 MB) and kept in memory:
    /// a resident's phone downloads a quarter, and a flood of requests costs no compression work. Files that are
    /// not the bundle, and browsers that accept neither encoding, go on to the static files (the plain bytes).
    /// Only this file is compressed: the page and the token answers carry per-person data (BREACH).
    /// </summary>
    private sealed class CompressedBundle(string path)
    {
        private readonly Lazy<byte[]> _brotli = new(() => Compress(path, s => new BrotliStream(s, CompressionLevel.Optimal)));
        private readonly Lazy<byte[]> _gzip = new(() => Compress(path, s => new GZipStream(s, CompressionLevel.Optimal)));

        public Task? TryServe(HttpContext context, string urlPath)
        {
            if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)) return null;
            if (!string.Equals(context.Request.Path.Value, urlPath, StringComparison.Ordinal)) return null;
            var accepted = context.Request.GetTypedHeaders().AcceptEncoding;
            bool Accepts(string coding) => accepted.Any(a => string.Equals(a.Value.Value, coding, StringComparison.OrdinalIgnoreCase) && a.Quality is not 0);
            var (coding, body) = Accepts("br") ? ("br", _brotli) : Accepts("gzip") ? ("gzip", _gzip) : (null, null);
            context.Response.Headers.Vary = "Accept-Encoding";
            if (coding is null) return null;

            var response = context.Response;
            // The hash names the bytes: a strong validator that changes exactly when the file does.
            var etag = $"\"{WebChatOptions.ShippedIntegrity["sha384-".Length..].Replace('/', '_').Replace('+', '-').TrimEnd('=')}-{coding}\"";
            response.Headers.ETag = etag;
            response.Headers.CacheControl = "public, max-age=31536000, immutable";
            response.Headers.XContentTypeOptions = "nosniff";
            response.ContentType = "text/javascript; charset=utf-8";
            if (context.Request.Headers.IfNoneMatch.Contains(etag))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                return Task.CompletedTask;
            }
            response.Headers.ContentEncoding = coding;
            response.ContentLength = body!.Value.Length;
            return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(body.Value).AsTask();
        }

        private static byte[] Compress(string path, Func<Stream, Stream> encoder)
        {
            using var output = new MemoryStream();
            using (var input = File.OpenRead(path))
            using (var compressor = encoder(output))
                input.CopyTo(compressor);
            return output.ToArray();
        }
    }
}
