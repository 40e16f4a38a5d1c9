using System.Text.Json;
using Microsoft.Extensions.Options;
using SupportBot.Channels.DirectLine;
using SupportBot.Engine.Activities;
using SupportBot.Engine.Center;
using SupportBot.Engine.Services;
using SupportBot.Engine.State;
using SupportBot.Engine.State.Memory;

namespace SupportBot.Channels.Tests.DirectLine;

/// <summary>
/// The Direct Line transcript Web Chat polls: in the shared store, with this process's own copy when the
/// shared store fails (so a crisis reply still reaches the page), and the outbox's sender writing into it.
/// </summary>
public sealed class DirectLineTranscriptTests
{
    private static DirectLineTranscript Transcript(ITranscriptStore store) => new(store, TimeProvider.System,
        Options.Create(new DirectLineOptions { BotId = "bot-1" }), Options.Create(new CenterOptions { Name = "スマイル" }), Options.Create(new StorageOptions()));

    [Fact]
    public async Task The_sender_writes_a_message_for_the_next_poll_as_the_bot_to_the_user()
    {
        var transcript = Transcript(new MemoryStore(TimeProvider.System));
        var sender = new DirectLineSender(transcript);
        Assert.Equal(DirectLineService.ChannelId, sender.ChannelId);

        Assert.True(await sender.SendAsync(new ConversationReference("directline", "c1", "u1", null), new Activity { Type = "message", Text = "順番が来ました" }, CancellationToken.None));

        var (items, watermark) = await transcript.ReadAsync("c1", "0", 10, CancellationToken.None);
        var sent = JsonSerializer.Deserialize<Activity>(Assert.Single(items), ActivityJson.Options)!;
        Assert.Equal("順番が来ました", sent.Text);
        Assert.Equal("bot-1", sent.From!.Id);
        Assert.Equal("スマイル", sent.From.Name);
        Assert.Equal("u1", sent.Recipient!.Id);
        Assert.StartsWith("c1|", sent.Id);
        Assert.Equal("1", watermark);
    }

    [Fact]
    public async Task When_the_shared_store_fails_the_local_copy_answers_and_the_watermark_says_so()
    {
        var shared = new FlakyStore(new MemoryStore(TimeProvider.System));
        var transcript = Transcript(shared);
        await transcript.AppendAsync("c1", ["""{"type":"message","text":"a"}"""], CancellationToken.None);

        shared.Down = true;
        await transcript.AppendAsync("c1", ["""{"type":"message","text":"b"}"""], CancellationToken.None);
        var (down, watermark) = await transcript.ReadAsync("c1", "1", 10, CancellationToken.None);
        Assert.Equal(["""{"type":"message","text":"b"}"""], down);
        Assert.Equal("1~1", watermark);

        shared.Down = false;
        var (after, _) = await transcript.ReadAsync("c1", "0", 10, CancellationToken.None);
        Assert.Equal(2, after.Count);
    }

    private sealed class FlakyStore(ITranscriptStore inner) : ITranscriptStore
    {
        public bool Down { get; set; }

        public Task<long> AppendAsync(string conversationId, IReadOnlyList<string> activitiesJson, TimeSpan keepFor, CancellationToken cancellationToken = default) =>
            Down ? throw new TimeoutException("store down") : inner.AppendAsync(conversationId, activitiesJson, keepFor, cancellationToken);

        public Task<TranscriptPage> ReadAsync(string conversationId, long watermark, int max = 100, CancellationToken cancellationToken = default) =>
            Down ? throw new TimeoutException("store down") : inner.ReadAsync(conversationId, watermark, max, cancellationToken);
    }
}
