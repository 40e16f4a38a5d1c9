using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using SupportBot.IntegrationTests.Support;

namespace SupportBot.IntegrationTests.Hosting;

/// <summary>appsettings.template.json must list every key of every options class, so a deployer sees them all.</summary>
public sealed class ConfigurationTemplateTests
{
    public static TheoryData<string, Type> Sections() => new()
    {
        { "Storage", typeof(Engine.State.StorageOptions) },
        { "Storage", typeof(Storage.Redis.RedisPersistenceOptions) },
        { "Center", typeof(Engine.Center.CenterOptions) },
        { "Calendar", typeof(Calendar.BusinessCalendarOptions) },
        { "Clock", typeof(Web.Composition.ClockOptions) },
        { "BotFramework", typeof(Channels.BotFramework.Auth.BotFrameworkOptions) },
        { "BotFramework", typeof(Channels.BotFramework.BotFrameworkEndpointOptions) },
        { "DirectLine", typeof(Channels.DirectLine.DirectLineOptions) },
        { "Line", typeof(Channels.Line.LineOptions) },
        { "WebChat", typeof(Web.Composition.WebChatOptions) },
        { "TurnQueue", typeof(Engine.Turns.TurnQueueOptions) },
        { "Content", typeof(Engine.Content.ContentOptions) },
        { "Understanding", typeof(Engine.Understanding.UnderstandingOptions) },
        { "Limits", typeof(Engine.Limits.MessageLimitsOptions) },
        { "Safety", typeof(Engine.Safety.SafetyOptions) },
        { "Access", typeof(Engine.Access.AccessOptions) },
        { "Notifications", typeof(Engine.Notifications.NotificationOptions) },
        { "Callbacks", typeof(Engine.Services.Callbacks.CallbackOptions) },
        { "Admin", typeof(Web.Composition.AdminOptions) },
        { "Staff", typeof(Engine.Staff.StaffOptions) },
        { "Meetups", typeof(Engine.Services.Meetups.MeetupsOptions) },
        { "Booking", typeof(Engine.Services.Bookings.BookingOptions) },
    };

    /// <summary>The shipped settings may only use sections the template explains.</summary>
    [Fact]
    public void Every_section_of_the_shipped_settings_is_in_the_template()
    {
        var template = Parse(Path.Combine(Repository.Root, "appsettings.template.json"));
        foreach (var file in new[] { "src/SupportBot.Web/appsettings.json", "src/SupportBot.Web/appsettings.Development.json" })
        {
            var path = Path.Combine(Repository.Root, file);
            if (!File.Exists(path)) continue;
            foreach (var section in Parse(path).EnumerateObject())
                Assert.True(template.TryGetProperty(section.Name, out _), $"{file}: section '{section.Name}' is not in appsettings.template.json");
        }
    }

    private static JsonElement Parse(string path) =>
        JsonDocument.Parse(Regex.Replace(File.ReadAllText(path), @"^\s*//.*$", "", RegexOptions.Multiline)).RootElement;

    [Theory]
    [MemberData(nameof(Sections))]
    public void The_template_lists_every_key(string section, Type options)
    {
        var json = Parse(Path.Combine(Repository.Root, "appsettings.template.json"));
        Assert.True(json.TryGetProperty(section, out var node), $"section '{section}' is missing");
        var missing = options.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.SetMethod!.IsPublic)
            .Select(p => p.Name)
            .Where(name => !node.TryGetProperty(name, out _))
            .ToList();
        Assert.True(missing.Count == 0, $"{section}: not in appsettings.template.json: {string.Join(", ", missing)}");
    }
}
