using SupportBot.Web.Composition;
using SupportBot.Web.Endpoints;
using SupportBot.Web.Staff;

// `recognize` is a command-line tool for staff and test sets: JSON lines in, JSON lines out.
if (args.Length > 0 && args[0] == "recognize")
    return SupportBot.Web.Commands.RecognizeCommand.RunConsole();

// `richmenu` registers the LINE rich menu of assets/line/ through the Messaging API (docs/line.md).
if (args.Length > 0 && args[0] == "richmenu")
    return await SupportBot.Web.Commands.RichMenuCommand.RunAsync(args[1..], Console.Out, Console.Error);

// `staff add|reset|disable|list` manages the staff console's accounts in the configured store (docs/staff.md).
if (args.Length > 0 && args[0] == "staff")
    return await SupportBot.Web.Commands.StaffCommand.RunAsync(args[1..], Console.Out, Console.Error);

// Content root = the app's own folder, so appsettings.json, locales/ and the page are found
// wherever the process is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddSupportBot();

var app = builder.Build();
app.ValidateSupportBot();
app.UseCors();
app.UseRateLimiter();
app.MapMetrics();
app.MapBotFramework();
app.MapDirectLine();
app.MapLine();
app.MapChatPage();
app.MapAdmin();
app.MapStaffConsole();
app.MapGet("/healthz", () => Results.Ok(new { status = "ok" }));
// Ready = the store answers (a load balancer stops sending turns while Redis is down); /healthz stays up.
app.MapHealthChecks("/readyz", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });

app.Lifetime.ApplicationStarted.Register(() =>
{
    foreach (var url in app.Urls) Console.WriteLine($"SupportBot is running. Open {url}/ in a browser to chat.");
});
app.Run();
return 0;

/// <summary>Visible to the integration tests (WebApplicationFactory).</summary>
public partial class Program;
