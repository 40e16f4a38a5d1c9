using System.Text.Json;
using SupportBot.Engine.Activities;

namespace SupportBot.Engine.Tests.Activities;

public sealed class ActivityJsonTests
{
    [Fact]
    public void Unknown_fields_survive_a_round_trip()
    {
        const string json = """{"type":"message","text":"こんにちは","futureField":{"a":[1,2]},"from":{"id":"u","customProp":true},"conversation":{"id":"c","tenantId":"t","x":1}}""";
        var activity = ActivityJson.Deserialize(json)!;
        var back = JsonDocument.Parse(ActivityJson.Serialize(activity)).RootElement;
        Assert.Equal(2, back.GetProperty("futureField").GetProperty("a").GetArrayLength());
        Assert.True(back.GetProperty("from").GetProperty("customProp").GetBoolean());
        Assert.Equal(1, back.GetProperty("conversation").GetProperty("x").GetInt32());
        Assert.Equal("こんにちは", back.GetProperty("text").GetString());
    }

    [Fact]
    public void Nulls_are_left_out_and_japanese_is_not_escaped()
    {
        var json = ActivityJson.Serialize(new Activity { Type = "message", Text = "予約" });
        Assert.Equal("""{"type":"message","text":"予約"}""", json);
    }

    [Fact]
    public void A_reply_swaps_from_and_recipient_and_points_at_the_incoming_activity()
    {
        var incoming = new Activity
        {
            Type = "message", Id = "in-1", ChannelId = "emulator", ServiceUrl = "http://localhost:1/", Locale = "ja-JP",
            From = new ChannelAccount { Id = "user" }, Recipient = new ChannelAccount { Id = "bot" }, Conversation = new ConversationAccount { Id = "c" },
        };
        var reply = incoming.CreateReply("はい");
        Assert.Equal(("bot", "user", "in-1", "c", "ja-JP"), (reply.From!.Id, reply.Recipient!.Id, reply.ReplyToId, reply.Conversation!.Id, reply.Locale));
    }
}
