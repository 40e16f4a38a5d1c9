using Microsoft.Extensions.DependencyInjection;
using SupportBot.Channels.Line;
using SupportBot.Engine.Features;
using SupportBot.Engine.Flows;
using SupportBot.Engine.Messages;
using SupportBot.Engine.Outbox;
using SupportBot.IntegrationTests.Support;

namespace SupportBot.IntegrationTests.Hosting;

/// <summary>Every feature registers itself: the app finds them all, and what they declare reaches the app.</summary>
public sealed class FeatureTests
{
    [Fact]
    public void The_app_finds_every_feature_of_the_engine_and_the_channels()
    {
        var found = FeatureServiceCollectionExtensions.Find(typeof(FlowEngine).Assembly, typeof(LineChannel).Assembly).Select(t => t.Name).ToList();
        Assert.Equal(
            ["BotFrameworkFeature", "DirectLineFeature", "LineFeature", "AccessFeature", "CenterFeature", "ClosuresFeature", "FlowsFeature", "GroupChatsFeature", "HandoffFeature", "MessageLimitsFeature", "StaffNotificationsFeature",
             "OutboxFeature", "SafetyFeature", "BookingsFeature", "CallbacksFeature", "MeetupsFeature", "PersonalDataFeature", "RemindersFeature", "StaffFeature", "TurnsFeature"],
            found);
    }

    [Fact]
    public void What_the_features_declare_reaches_the_app()
    {
        using var app = new BotApp();
        var services = app.Services;
        // Guards in their order, the crisis guard first.
        Assert.Equal(["CrisisGuard", "HandoffGuard", "MessageLengthGuard", "GroupChatGuard", "AccessGuard"], services.GetServices<ITurnGuard>().OrderBy(g => g.Order).Select(g => g.GetType().Name));
        // One outbox sender per channel, and the Connector for the rest.
        Assert.Equal(["(connector)", "directline", "line"], services.GetServices<IChannelSender>().Select(s => s.ChannelId ?? "(connector)").Order(StringComparer.Ordinal));
        var owners = services.GetServices<MessageKeyDeclaration>().Select(d => d.Owner).ToHashSet();
        Assert.Superset(new HashSet<string> { "CrisisGuard", "GroupChatGuard", "FlowEngine", "TurnPipeline", "bookings", "meetups", "LineReplyMapper", "MessageLengthGuard", "chat page", "HandoffDesk", "staff bookings", "AccessGuard" }, owners);
    }
}
