using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SupportBot.Engine.Services.Reminders;
using SupportBot.Engine.State;
using SupportBot.Engine.Messages;
using SupportBot.IntegrationTests.Support;
using Xunit.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace SupportBot.IntegrationTests.Transcripts;

/// <summary>
/// Runs every <c>Transcripts/files/*.transcript</c> through the real HTTP pipeline (/api/messages, expectReplies),
/// with every log line of the app captured down to Debug: none may hold what the person wrote (names, phone
/// numbers, health details are all in these files).
/// </summary>
public sealed class TranscriptTests(ITestOutputHelper output)
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(Path.Combine(Repository.Root, "tests", "SupportBot.IntegrationTests", "Transcripts", "files"), "*.transcript").Order())
            data.Add(Path.GetFileName(f));
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Conversation(string file)
    {
        var transcript = Transcript.Parse(Path.Combine(Repository.Root, "tests", "SupportBot.IntegrationTests", "Transcripts", "files", file));
        var settings = new Dictionary<string, string?>();
        if (transcript.Settings.TryGetValue("now", out var now)) settings["Clock:Now"] = now;
        foreach (var (k, v) in transcript.Config) settings[k] = v;
        // A file that moves the clock runs on a hand-moved clock starting at 'now'.
        var clock = transcript.Turns.Any(t => t.Kind == TurnKind.Clock) ? new FakeTimeProvider(DateTimeOffset.Parse(now!)) : null;
        var logs = new ConcurrentQueue<string>();
        settings["Logging:LogLevel:Default"] = "Debug";
        using var app = new BotApp(settings, services =>
        {
            services.AddSingleton<ILoggerProvider>(new LogCapture(logs));
            if (clock is not null) services.AddSingleton<TimeProvider>(clock);
        });
        var client = app.CreateClient();
        var catalog = app.Services.GetRequiredService<MessageCatalog>();
        var locale = transcript.Settings.GetValueOrDefault("locale", "ja-JP");
        var culture = catalog.ResolveCulture(locale);
        var conversation = "t-" + Guid.NewGuid().ToString("N")[..8];

        // Each person has their own conversation; what they received outside a turn is read from its Direct Line transcript.
        string ConversationOf(string? who) => who is null ? conversation : $"{conversation}-{who}";
        var seen = new Dictionary<string, long>();
        async Task<List<JsonElement>> InboxAsync(string? who)
        {
            var id = ConversationOf(who);
            var page = await app.Services.GetRequiredService<ITranscriptStore>().ReadAsync(id, seen.GetValueOrDefault(id));
            seen[id] = page.Watermark;
            return page.ActivitiesJson.Select(a => JsonDocument.Parse(a).RootElement).Where(a => a.GetProperty("type").GetString() == "message").ToList();
        }
        foreach (var turn in transcript.Turns)
        {
            List<JsonElement> replies;
            switch (turn.Kind)
            {
                case TurnKind.Clock:
                    output.WriteLine($"clock: {turn.Value}");
                    clock!.SetUtcNow(DateTimeOffset.Parse(turn.Value));
                    continue;
                case TurnKind.Reminders:
                    output.WriteLine("reminders:");
                    await app.Services.GetRequiredService<ReminderSender>().SendDueAsync(CancellationToken.None);
                    replies = await InboxAsync(turn.Who);
                    break;
                case TurnKind.Inbox:
                    output.WriteLine($"inbox@{turn.Who}:");
                    replies = await InboxAsync(turn.Who);
                    break;
                default:
                    output.WriteLine($"user{(turn.Who is null ? "" : "@" + turn.Who)}: {turn.User}");
                    var message = BotApp.Message(ConversationOf(turn.Who), turn.User, locale: locale, channelId: transcript.Settings.GetValueOrDefault("channel", "directline"));
                    if (turn.Who is not null) message["from"] = new { id = "user-" + turn.Who, name = "User" };
                    var body = await BotApp.ReadJson(await client.PostAsync("/api/messages", BotApp.Json(message)));
                    replies = body.GetProperty("activities").EnumerateArray()
                        .Where(a => a.GetProperty("type").GetString() == "message").ToList();
                    break;
            }
            foreach (var r in replies) output.WriteLine($"  bot: {r.GetProperty("text").GetString()}");

            Assert.True(replies.Count == turn.Expected.Count,
                $"{file}:{turn.Line}: expected {turn.Expected.Count} replies, got {replies.Count}:\n" + string.Join("\n", replies.Select(r => r.GetProperty("text").GetString())));
            for (var i = 0; i < replies.Count; i++)
            {
                var expected = turn.Expected[i];
                var text = replies[i].GetProperty("text").GetString() ?? "";
                Assert.True(expected.Matches(text, key => catalog.Has(key, culture) ? catalog.Entries(culture)[key].Text : null),
                    $"{file}:{expected.Line}: expected '{expected.Pattern}', got '{text}'");
                if (expected.Buttons is { } buttons)
                {
                    var titles = replies[i].TryGetProperty("suggestedActions", out var sa)
                        ? sa.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("title").GetString()).ToList() : [];
                    Assert.True(buttons.SequenceEqual(titles), $"{file}:{expected.Line}: buttons [{string.Join(" | ", titles)}]");
                }
            }
        }

        // What the person wrote never reaches a log line: not a message, not a name, not a phone number.
        Assert.NotEmpty(logs);
        var written = transcript.Turns.Where(t => t.Kind == TurnKind.User && t.Value.Length >= 4).Select(t => t.Value).Distinct().ToList();
        foreach (var line in logs)
        {
            Assert.DoesNotContain(written, w => line.Contains(w, StringComparison.Ordinal));
            Assert.False(Phone.IsMatch(line), $"{file}: a phone number in a log line: {line}");
        }
    }

    // A personal phone number as people type it (the center's own number is not in the files' user lines).
    private static readonly Regex Phone = new(@"0[789]0-?\d{4}-?\d{4}|０[７８９]０");

    private sealed class LogCapture(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);
        public void Dispose() { }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => true;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{category} {eventId.Id} {formatter(state, exception)} {exception}");
        }
    }
}
