using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using SupportBot.Channels.Line;

namespace SupportBot.Web.Commands;

/// <summary>
/// <c>richmenu</c>: registers the LINE rich menu (assets/line/richmenu.json + richmenu.png) through the
/// Messaging API — create it, upload its image to the data API, make it every user's default — and
/// prints the new menu's id. Settings come from the <c>Line</c> section like the bot's own
/// (appsettings.json, environment <c>Line__ChannelAccessToken</c>, or <c>--Line:ChannelAccessToken=…</c>);
/// <c>--menu</c> and <c>--image</c> choose other files. See docs/line.md.
/// </summary>
internal static class RichMenuCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var config = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .Build();
        var options = new LineOptions();
        config.GetSection(LineOptions.SectionName).Bind(options);
        if (string.IsNullOrWhiteSpace(options.ChannelAccessToken))
        {
            error.WriteLine("Line:ChannelAccessToken is not set (e.g. Line__ChannelAccessToken=... in the environment).");
            return 2;
        }
        var menuPath = config["menu"] ?? Path.Combine(AppContext.BaseDirectory, "assets", "line", "richmenu.json");
        var imagePath = config["image"] ?? Path.Combine(Path.GetDirectoryName(menuPath)!, "richmenu.png");
        if (!File.Exists(menuPath) || !File.Exists(imagePath))
        {
            error.WriteLine($"Rich menu files not found: {menuPath}, {imagePath}");
            return 2;
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var api = new LineApiClient(http, Options.Create(options));
        try
        {
            var definition = JsonNode.Parse(await File.ReadAllTextAsync(menuPath, cancellationToken))!;
            var id = await api.CreateRichMenuAsync(definition, cancellationToken);
            var contentType = imagePath.EndsWith(".png", StringComparison.OrdinalIgnoreCase) ? "image/png" : "image/jpeg";
            await api.UploadRichMenuImageAsync(id, await File.ReadAllBytesAsync(imagePath, cancellationToken), contentType, cancellationToken);
            await api.SetDefaultRichMenuAsync(id, cancellationToken);
            output.WriteLine(new JsonObject { ["richMenuId"] = id, ["default"] = true }.ToJsonString());
            return 0;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            error.WriteLine("Registering the rich menu failed: " + ex.Message);
            return 1;
        }
    }
}
