using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SupportBot.Engine.Services.Reminders;
using SupportBot.Engine.State;
using SupportBot.Engine.Messages;
using SupportBot.IntegrationTests.Support;
using Xunit.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace SupportBot.IntegrationTests.Transcripts;

/// <summary>Runs every <c>Transcripts/files/*.transcript</c> through the real HTTP pipeline (/api/messages, expectReplies).</summary>
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
        using var app = new BotApp(settings, clock is null ? null : services => services.AddSingleton<TimeProvider>(clock));
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
    }
}
