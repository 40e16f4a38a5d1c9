using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SupportBot.Engine.Flows.Actions;
using SupportBot.Engine.Messages;
using SupportBot.Engine.Services.Reminders;
using SupportBot.Engine.Features;

namespace SupportBot.Engine.Services.Meetups;

public sealed class MeetupsFeature : IFeature
{
    /// <summary>Peer-supporter meetups and one-to-one peer talks (dialogs/meetup-*.yaml, peer*.yaml; see docs/meetups.md).</summary>
    public static void Add(IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<MeetupsOptions>().Bind(config.GetSection(MeetupsOptions.SectionName));
        services.AddSingleton<MeetupDirectory>();
        services.AddSingleton<MeetupNotices>();
        services.AddSingleton<IReminderHandler, MeetupReminder>();
        services.AddSingleton<IFlowAction, MeetupsNextAction>();
        services.AddSingleton<IFlowAction, MeetupsJoinAction>();
        services.AddSingleton<IFlowAction, MeetupsMineAction>();
        services.AddSingleton<IFlowAction, MeetupsLeaveAction>();
        services.AddSingleton<IFlowAction, MeetupsTermsAction>();
        services.AddSingleton<IFlowAction, PeerRequestAction>();
        services.AddSingleton<IPersonalDataEraser, MeetupSignupEraser>();
        services.AddMessageKeys("meetups", [.. MeetupsNextAction.MessageKeys, .. MeetupNotices.MessageKeys]);
        services.AddMessageKeys("meetups.directory", sp => sp.GetRequiredService<MeetupDirectory>().MessageKeys());
    }
}
