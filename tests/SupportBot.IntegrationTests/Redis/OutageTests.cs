using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SupportBot.IntegrationTests.Support;

namespace SupportBot.IntegrationTests.Redis;

/// <summary>
/// A Redis outage as an operator sees it: /readyz fails while /healthz stays up, the log says so once and then
/// counts (not a line per turn), and what needs no state is still answered.
/// </summary>
public sealed class OutageTests
{
    private const string Unreachable = "127.0.0.1:1,connectTimeout=300";

    [Fact]
    public async Task Readyz_follows_the_store_and_healthz_stays_up()
    {
        using var down = new BotApp(new() { ["ConnectionStrings:Redis"] = Unreachable });
        var client = down.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/readyz")).StatusCode);

        using var up = new BotApp(new() { ["ConnectionStrings:Redis"] = TestRedis.ConnectionString });
        Assert.Equal(HttpStatusCode.OK, (await up.CreateClient().GetAsync("/readyz")).StatusCode);
    }

    [Fact]
    public async Task The_outage_is_logged_once_not_once_per_turn()
    {
        var events = new ConcurrentQueue<EventId>();
        using var app = new BotApp(new() { ["ConnectionStrings:Redis"] = Unreachable },
            services => services.AddSingleton<ILoggerProvider>(new Recording(events)));
        var client = app.CreateClient();
        for (var i = 0; i < 6; i++)
        {
            var response = await client.PostAsync("/api/messages", BotApp.Json(BotApp.Message("outage-" + i, "相談の予約をしたいです")));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        Assert.Equal(1, events.Count(e => e.Id == 1005));
    }

    private sealed class Recording(ConcurrentQueue<EventId> events) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(events);
        public void Dispose() { }

        private sealed class Logger(ConcurrentQueue<EventId> events) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => true;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) => events.Enqueue(eventId);
        }
    }
}
