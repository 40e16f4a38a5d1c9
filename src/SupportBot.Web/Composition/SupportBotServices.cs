using Microsoft.Extensions.Options;
using SupportBot.Calendar;
using SupportBot.Channels.BotFramework;
using SupportBot.Channels.BotFramework.Auth;
using SupportBot.Channels.DirectLine;
using SupportBot.Channels.Line;
using SupportBot.Engine.Bot;
using SupportBot.Engine.Center;
using SupportBot.Engine.Flows;
using SupportBot.Engine.Flows.Actions;
using SupportBot.Engine.Flows.Inputs;
using SupportBot.Engine.Understanding;
using SupportBot.Engine.Notifications;
using SupportBot.Engine.Safety;
using SupportBot.Engine.Services;
using SupportBot.Engine.Services.Meetups;
using SupportBot.Engine.Services.Reminders;
using SupportBot.Engine.Services.Bookings;
using SupportBot.Channels;
using SupportBot.Engine.Messages;
using SupportBot.Engine.State;
using SupportBot.Engine.State.Memory;
using SupportBot.Engine.Turns;
using SupportBot.Storage.Redis;

namespace SupportBot.Web.Composition;

/// <summary>All of SupportBot's wiring in one place, so Program.cs reads like a table of contents.</summary>
public static class SupportBotServices
{
    public const string CorsPolicy = "DirectLine";

    /// <summary>Sentences only the LINE channel says (locales/*/line.yaml).</summary>
    private static readonly string[] LineChannelKeys = ["line.non_text", "line.privacy_note", "line.group_note", "line.group_joined", "line.pick_date", "line.call"];

    public static WebApplicationBuilder AddSupportBot(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var config = builder.Configuration;

        services.AddOptions<StorageOptions>().Bind(config.GetSection(StorageOptions.SectionName));
        services.AddOptions<CenterOptions>().Bind(config.GetSection(CenterOptions.SectionName));
        services.AddOptions<BotFrameworkEndpointOptions>().Bind(config.GetSection(BotFrameworkEndpointOptions.SectionName));
        services.AddOptions<DirectLineOptions>().Bind(config.GetSection(DirectLineOptions.SectionName));
        services.AddOptions<TurnQueueOptions>().Bind(config.GetSection(TurnQueueOptions.SectionName));
        services.AddOptions<ContentOptions>().Bind(config.GetSection(ContentOptions.SectionName));
        services.AddOptions<WebChatOptions>().Bind(config.GetSection(WebChatOptions.SectionName));
        services.AddOptions<AdminOptions>().Bind(config.GetSection(AdminOptions.SectionName))
            .Validate(o => o.CalendarFeedToken.Length is 0 or >= 16, "Admin:CalendarFeedToken must be at least 16 characters (or empty).")
            .ValidateOnStart();
        services.AddOptions<SafetyOptions>().Bind(config.GetSection(SafetyOptions.SectionName));
        services.AddOptions<NotificationOptions>().Bind(config.GetSection(NotificationOptions.SectionName));
        services.AddOptions<CallbackOptions>().Bind(config.GetSection(CallbackOptions.SectionName));
        services.AddOptions<MeetupsOptions>().Bind(config.GetSection(MeetupsOptions.SectionName));

        services.AddOptions<BusinessCalendarOptions>().Bind(config.GetSection(BusinessCalendarOptions.SectionName));
        services.AddSingleton(sp => new BusinessCalendar(sp.GetRequiredService<IOptions<BusinessCalendarOptions>>().Value));
        // Resolved lazily so test hosts' configuration is seen; Program resolves it at start-up to fail fast.
        services.AddSingleton(sp => CreateClock(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IHostEnvironment>()));
        AddStorage(services, config);

        services.AddSingleton(sp =>
        {
            var content = sp.GetRequiredService<IOptions<ContentOptions>>().Value;
            var center = sp.GetRequiredService<IOptions<CenterOptions>>().Value;
            var dataFiles = new HashSet<string>(content.DataFiles, StringComparer.OrdinalIgnoreCase);
            return MessageCatalog.Load(ResolvePath(content.LocalesPath), new CenterFacts(center, sp.GetRequiredService<IOptions<BusinessCalendarOptions>>().Value, sp.GetRequiredService<IOptions<BookingOptions>>().Value), f => !dataFiles.Contains(f));
        });
        AddConversation(services, config);
        services.AddBookings(config);
        services.AddSingleton<TurnPipeline>();
        services.AddSingleton<TurnQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<TurnQueue>());

        services.AddBotFrameworkAuth();
        services.AddHttpClient<ConnectorClient>().AddHttpMessageHandler<ConnectorAuthHandler>();
        services.AddSingleton<BotFrameworkChannel>();

        services.AddSingleton<DirectLineTokens>();
        services.AddSingleton<DirectLineService>();
        AddLine(services, config);

        services.AddCors();
        services.AddOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>()
            .Configure<IOptions<DirectLineOptions>>((cors, directLine) => cors.AddPolicy(CorsPolicy, p => p
                .WithOrigins(directLine.Value.AllowedOrigins)
                .WithHeaders("Authorization", "Content-Type", "x-ms-bot-agent")
                .WithMethods("GET", "POST", "OPTIONS")));
        return builder;
    }

    /// <summary>The flows of dialogs/, their input kinds and actions, and the understanding they use.</summary>
    private static void AddConversation(IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<UnderstandingOptions>().Bind(config.GetSection(UnderstandingOptions.SectionName));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<UnderstandingOptions>>().Value);
        services.AddSingleton<IInputKind, TextInput>();
        services.AddSingleton<IInputKind, ChoiceInput>();
        services.AddSingleton<IInputKind, YesNoInput>();
        services.AddSingleton<IInputKind, PhoneInput>();
        services.AddSingleton<TodayStatusAction>();
        services.AddSingleton<IFlowAction>(sp => sp.GetRequiredService<TodayStatusAction>());
        services.AddSingleton<IFlowAction, GreetingAction>();
        services.AddSingleton<IFlowAction, AfterHoursQuestionAction>();
        services.AddSingleton<IFlowAction, CallbackTermsAction>();
        services.AddSingleton<IFlowAction, CallbackSaveAction>();
        services.AddSingleton<MeetupDirectory>();
        services.AddSingleton<MeetupNotices>();
        services.AddSingleton<IReminderHandler, MeetupReminder>();
        // Day-before reminders of any kind (bookings, meetings): one queue, one sender per instance.
        services.AddSingleton<ReminderSender>();
        services.AddHostedService(sp => sp.GetRequiredService<ReminderSender>());
        services.AddSingleton<IFlowAction, MeetupsNextAction>();
        services.AddSingleton<IFlowAction, MeetupsJoinAction>();
        services.AddSingleton<IFlowAction, MeetupsMineAction>();
        services.AddSingleton<IFlowAction, MeetupsLeaveAction>();
        services.AddSingleton<IFlowAction, MeetupsTermsAction>();
        services.AddSingleton<IFlowAction, PeerRequestAction>();
        services.AddSingleton<IProactiveMessenger>(sp => ActivatorUtilities.CreateInstance<ProactiveMessenger>(sp,
            new Lazy<DirectLineService>(sp.GetRequiredService<DirectLineService>)));

        // Safety and staff notifications.
        // One long-lived notifier (it owns the queue); its HttpClient comes from the factory.
        services.AddHttpClient(nameof(StaffNotifier), c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<StaffNotifier>(sp,
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(StaffNotifier))));
        services.AddHostedService(sp => sp.GetRequiredService<StaffNotifier>());
        services.AddSingleton<ICrisisDetector>(sp => SafetyDetector.Load(ResolvePath(sp.GetRequiredService<IOptions<ContentOptions>>().Value.LocalesPath)));
        services.AddSingleton<ITurnGuard, CrisisGuard>();
        services.AddSingleton(sp => HotlineDirectory.Load(ResolvePath(sp.GetRequiredService<IOptions<ContentOptions>>().Value.LocalesPath)));
        services.AddSingleton(sp => IntentRecognizer.Load(ResolvePath(sp.GetRequiredService<IOptions<ContentOptions>>().Value.LocalesPath)));
        services.AddSingleton<IIntentRecognizer>(sp => sp.GetRequiredService<IntentRecognizer>());
        services.AddSingleton(sp =>
        {
            var content = sp.GetRequiredService<IOptions<ContentOptions>>().Value;
            var set = new FlowSet(FlowLoader.LoadFolder(ResolvePath(content.DialogsPath)), sp.GetServices<IInputKind>(), sp.GetServices<IFlowAction>());
            var engineKeys = FlowEngine.MessageKeys
                .Concat(sp.GetServices<IInputKind>().SelectMany(i => i.MessageKeys))
                .Concat(TodayStatusAction.MessageKeys).Concat(GreetingAction.MessageKeys).Concat(Formats.Keys).Concat(CrisisGuard.MessageKeys)
                .Concat(MeetupsNextAction.MessageKeys).Concat(MeetupNotices.MessageKeys).Concat(BookingServices.MessageKeys).Concat(sp.GetRequiredService<MeetupDirectory>().MessageKeys())
                .Concat(["error.apology", "error.unavailable", "webchat.unavailable"]).Concat(LineChannelKeys);
            var problems = FlowValidator.Validate(set, sp.GetRequiredService<MessageCatalog>(), engineKeys);
            if (problems.Count > 0)
                throw new InvalidOperationException("The flows and catalogs have problems:\n" + string.Join("\n", problems));
            return set;
        });
        services.AddSingleton<IBot, FlowEngine>();
    }

    /// <summary>The LINE channel (docs/line.md); registered always, the webhook answers 404 until a secret is set.</summary>
    private static void AddLine(IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<LineOptions>().Bind(config.GetSection(LineOptions.SectionName));
        services.AddHttpClient<LineApiClient>(c => c.Timeout = TimeSpan.FromSeconds(15));
        services.AddSingleton<LineMetrics>();
        services.AddSingleton<LineReplyMapper>();
        services.AddSingleton<LineProfiles>();
        services.AddSingleton<LineDelivery>();
        services.AddSingleton<LineChannel>();
        services.AddSingleton<IPersonalDataEraser, ConversationStateEraser>();
        services.AddSingleton<IPersonalDataEraser, MeetupSignupEraser>();
        services.AddSingleton<IPersonalDataEraser, StaffRequestEraser>();
    }

    /// <summary>Builds what must be right before the first request (clock, catalogs), so a bad setting stops start-up.</summary>
    public static WebApplication ValidateSupportBot(this WebApplication app)
    {
        app.Services.GetRequiredService<TimeProvider>();
        app.Services.GetRequiredService<MessageCatalog>();
        app.Services.GetRequiredService<BusinessCalendar>();
        app.Services.GetRequiredService<FlowSet>();
        app.Services.GetRequiredService<HotlineDirectory>();
        app.Services.GetRequiredService<IIntentRecognizer>();
        // The safety model is trained here, not on the first message: a crisis right after a restart must not
        // wait for it. Training leaves large temporary arrays; one full collection now returns them, so the
        // heap the turns run on stays small.
        app.Services.GetRequiredService<ICrisisDetector>();
        app.Services.GetRequiredService<BookingDesk>();
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        return app;
    }

    /// <summary>Redis when <c>ConnectionStrings:Redis</c> is set, else the in-process store (one instance only).</summary>
    private static void AddStorage(IServiceCollection services, IConfiguration config)
    {
        var redis = config.GetConnectionString("Redis");
        if (!string.IsNullOrWhiteSpace(redis))
        {
            services.AddSupportBotRedis(redis);
            return;
        }
        services.AddSingleton<MemoryStore>();
        services.AddSingleton<IConversationStore>(sp => sp.GetRequiredService<MemoryStore>());
        services.AddSingleton<ITranscriptStore>(sp => sp.GetRequiredService<MemoryStore>());
        services.AddSingleton<IOnceStore>(sp => sp.GetRequiredService<MemoryStore>());
        services.AddSingleton<IRecordLog>(sp => sp.GetRequiredService<MemoryStore>());
        services.AddSingleton<IMeetupRoster>(sp => sp.GetRequiredService<MemoryStore>());
        services.AddSingleton<IRecordEraser>(sp => sp.GetRequiredService<MemoryStore>());
        services.AddSingleton<MemoryBookingLedger>();
        services.AddSingleton<IBookingLedger>(sp => sp.GetRequiredService<MemoryBookingLedger>());
        services.AddSingleton<IReminderQueue>(sp => sp.GetRequiredService<MemoryBookingLedger>());
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

    /// <summary>Relative content paths are taken from the app's folder (where the build copies locales/ and dialogs/).</summary>
    public static string ResolvePath(string path) =>
        Path.IsPathRooted(path) ? path : Path.Combine(AppContext.BaseDirectory, path);
}
