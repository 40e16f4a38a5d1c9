using Microsoft.Extensions.Options;
using SupportBot.Channels.BotFramework;
using SupportBot.Channels.BotFramework.Auth;
using SupportBot.Channels.DirectLine;
using SupportBot.Channels.Line;
using SupportBot.Engine.Center;
using SupportBot.Engine.Features;
using SupportBot.Engine.Flows;
using SupportBot.Engine.Groups;
using SupportBot.Engine.Messages;
using SupportBot.Engine.Notifications;
using SupportBot.Engine.Outbox;
using SupportBot.Engine.Safety;
using SupportBot.Engine.Services;
using SupportBot.Engine.Services.Bookings;
using SupportBot.Engine.Services.Callbacks;
using SupportBot.Engine.Services.Meetups;
using SupportBot.Engine.Services.Reminders;
using SupportBot.Engine.State;
using SupportBot.Engine.State.Memory;
using SupportBot.Engine.Turns;
using SupportBot.Storage.Redis;
using SupportBot.Calendar;
using SupportBot.Engine.Understanding;
using SupportBot.Engine.Limits;
using SupportBot.Engine.Telemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using SupportBot.Web.Staff;

namespace SupportBot.Web.Composition;

/// <summary>
/// The app's wiring: each feature of the engine and the channels registers itself (its options, services,
/// input kinds, actions and the message keys it says) from its own folder (<see cref="IFeature"/>); this class
/// chooses the store and adds what belongs to the web host (the chat page, the admin API, the clock, CORS).
/// </summary>
public static class SupportBotServices
{
    public const string CorsPolicy = "DirectLine";

    /// <summary>The rate-limiter policy on starting Direct Line tokens and conversations: per client address.</summary>
    public const string TokenRatePolicy = "DirectLineTokens";

    public static WebApplicationBuilder AddSupportBot(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var config = builder.Configuration;

        services.AddOptions<WebChatOptions>().Bind(config.GetSection(WebChatOptions.SectionName));
        services.AddOptions<AdminOptions>().Bind(config.GetSection(AdminOptions.SectionName))
            .Validate(o => o.CalendarFeedToken.Length is 0 or >= 16, "Admin:CalendarFeedToken must be at least 16 characters (or empty).")
            .ValidateOnStart();
        services.AddMessageKeys("chat page", ["webchat.unavailable", "menu.emergency", "menu.register"]);
        // Resolved lazily so test hosts' configuration is seen; Program resolves it at start-up to fail fast.
        services.AddSingleton(sp => CreateClock(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IHostEnvironment>()));
        services.AddHealthChecks();
        AddStore(services, config);

        // The engine and the channels: every feature registers itself (IFeature; docs/architecture.md).
        services.AddFeatures(config, typeof(FlowEngine).Assembly, typeof(LineChannel).Assembly);

        // A new token or conversation is a new identity for the per-sender message limit (Limits:MessagesPerMinute),
        // so issuing them is limited per address. A refused start answers 429 with Retry-After; no message is lost
        // (messages are limited in the engine, where a crisis message is never held back).
        services.AddRateLimiter(_ => { });
        services.AddOptions<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>()
            .Configure<IOptions<MessageLimitsOptions>>((limiter, limits) =>
            {
                var perMinute = limits.Value.TokensPerMinutePerAddress;
                limiter.AddPolicy(TokenRatePolicy, http => System.Threading.RateLimiting.RateLimitPartition.GetFixedWindowLimiter(
                    http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new System.Threading.RateLimiting.FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
                limiter.OnRejected = async (context, ct) =>
                {
                    context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                    context.HttpContext.Response.Headers.RetryAfter = "60";
                    await context.HttpContext.Response.WriteAsJsonAsync(new { error = new { code = "TooManyRequests", message = "Too many conversations were started from this address. Please try again in a minute." } }, ct);
                };
            });

        // Metrics for Prometheus (/metrics, behind the admin key) and turn traces, exported over OTLP when an
        // endpoint is configured (OTEL_EXPORTER_OTLP_ENDPOINT): docs/operations.md#metrics.
        var telemetry = services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics.AddMeter(BotTelemetry.Name, LineMetrics.MeterName).AddPrometheusExporter());
        if (!string.IsNullOrWhiteSpace(config["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            telemetry.WithTracing(tracing => tracing.AddSource(BotTelemetry.Name).AddOtlpExporter());
        // The staff console at /staff (Razor Pages, cookie sign-in; docs/staff.md).
        services.AddStaffConsole();

        services.AddCors();
        services.AddOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>()
            .Configure<IOptions<DirectLineOptions>>((cors, directLine) => cors.AddPolicy(CorsPolicy, p => p
                .WithOrigins(directLine.Value.AllowedOrigins)
                .WithHeaders("Authorization", "Content-Type", "x-ms-bot-agent")
                .WithMethods("GET", "POST", "OPTIONS")));
        return builder;
    }

    /// <summary>Redis when <c>ConnectionStrings:Redis</c> is set, else the in-process store (one instance only).</summary>
    private static void AddStore(IServiceCollection services, IConfiguration config)
    {
        var redis = config.GetConnectionString("Redis");
        if (!string.IsNullOrWhiteSpace(redis)) services.AddSupportBotRedis(redis);
        else services.AddSupportBotMemoryStore();
        if (StoreContracts.Missing(services).ToList() is { Count: > 0 } missing)
            throw new InvalidOperationException("No store implements " + string.Join(", ", missing.Select(t => t.Name)) + ".");
    }

    /// <summary>Builds what must be right before the first request (clock, catalogs), so a bad setting stops start-up.</summary>
    public static WebApplication ValidateSupportBot(this WebApplication app)
    {
        // The safety model is trained here, not on the first message: a crisis right after a restart must not
        // wait for it. The two trainings run one after the other, with the first one's garbage collected in
        // between: side by side they started about a second sooner, but the process's peak memory (which stays
        // its high-water mark) was the two trainings' garbage together, ~100 MB above what it runs on.
        var locales = app.Services.GetRequiredService<IOptions<Engine.Content.ContentOptions>>().Value.LocalesFolder;
        var detector = app.Services.GetRequiredService<ICrisisDetector>();
        CollectTrainingGarbage();
        ReaderWarmup.Safety(locales, detector);
        app.Services.GetRequiredService<TimeProvider>();
        RefuseAnonymousInProduction(app);
        CheckWebChatScript(app);
        app.Services.GetRequiredService<MessageCatalog>();
        app.Services.GetRequiredService<BusinessCalendar>();
        app.Services.GetRequiredService<FlowSet>();
        app.Services.GetRequiredService<HotlineDirectory>();
        ReaderWarmup.Intents(locales, app.Services.GetRequiredService<IIntentRecognizer>());
        app.Services.GetRequiredService<BookingDesk>();
        CollectTrainingGarbage();
        return app;
    }

    // Training leaves large temporary arrays; a full compacting collection returns them to the system, so the next
    // training (and then the turns) starts on a small heap.
    private static void CollectTrainingGarbage()
    {
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    /// <summary>
    /// Without app credentials nobody proves who posts to <c>/api/messages</c>. In Production that is refused
    /// unless <c>BotFramework:AllowAnonymous</c> says so explicitly (and then only loopback requests are served).
    /// </summary>
    private static void RefuseAnonymousInProduction(WebApplication app)
    {
        if (!app.Environment.IsProduction()) return;
        var credentials = app.Services.GetRequiredService<IOptions<BotFrameworkOptions>>().Value;
        var endpoint = app.Services.GetRequiredService<IOptions<BotFrameworkEndpointOptions>>().Value;
        if (!credentials.AuthenticationEnabled && !endpoint.AllowAnonymous)
            throw new InvalidOperationException(
                "BotFramework:MicrosoftAppId is not set, so /api/messages would accept anyone's activities. Set the app id and password "
                + "(docs/protocols.md), or set BotFramework:AllowAnonymous=true to serve only requests from this machine.");
    }

    /// <summary>
    /// The chat page runs the script WebChat:ScriptUrl names with the resident's conversation in it: an unpinned
    /// script from another host (or a moving 'latest' build) is refused in Production and a warning elsewhere;
    /// an unreadable integrity value is refused everywhere (docs/configuration.md#web-chat).
    /// </summary>
    private static void CheckWebChatScript(WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<WebChatOptions>>().Value;
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("SupportBot.WebChat");
        foreach (var (refuseEverywhere, message) in options.Problems())
        {
            if (refuseEverywhere || app.Environment.IsProduction()) throw new InvalidOperationException(message);
            WebChatLog.UnpinnedScript(log, message);
        }
    }

    /// <summary>The real clock, or a pinned one for demos and tests (never in Production).</summary>
    public static TimeProvider CreateClock(IConfiguration config, IHostEnvironment environment)
    {
        var options = config.GetSection(ClockOptions.SectionName).Get<ClockOptions>() ?? new ClockOptions();
        if (string.IsNullOrWhiteSpace(options.Now)) return TimeProvider.System;
        if (environment.IsProduction())
            throw new InvalidOperationException("Clock:Now pins the clock and is refused in the Production environment.");
        if (!DateTimeOffset.TryParse(options.Now, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var pinned)
            || !System.Text.RegularExpressions.Regex.IsMatch(options.Now, @"(Z|[+-]\d\d:\d\d)$"))
            throw new InvalidOperationException($"Clock:Now must be ISO-8601 with an offset, e.g. 2026-11-23T14:00:00+09:00 (got '{options.Now}').");
        return new PinnedClock(pinned, TimeProvider.System);
    }
}

internal static partial class WebChatLog
{
    // The message names the setting only (a URL from configuration), never anything a resident typed.
    [LoggerMessage(9101, LogLevel.Warning, "{Problem} (refused in Production)")]
    public static partial void UnpinnedScript(ILogger logger, string problem);
}
