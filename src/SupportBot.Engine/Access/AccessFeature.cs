using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SupportBot.Engine.Features;
using SupportBot.Engine.Flows;
using SupportBot.Engine.Flows.Actions;
using SupportBot.Engine.Messages;
using SupportBot.Engine.Services;

namespace SupportBot.Engine.Access;

/// <summary>
/// Access for everyone (docs/accessibility.md): the plain-language register (ja-JP-x-easy) chosen per person and
/// kept by user on LINE, and the contacts that need no voice call.
/// </summary>
public sealed class AccessFeature : IFeature
{
    public static void Add(IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<AccessOptions>().Bind(config.GetSection(AccessOptions.SectionName));
        services.AddSingleton<RegisterPreferences>();
        services.AddSingleton<NoVoiceContacts>();
        services.AddSingleton<ITurnPreparer, RegisterPreparer>();
        services.AddSingleton<ITurnGuard, AccessGuard>();
        services.AddSingleton<IFlowAction, NoVoiceAction>();
        services.AddSingleton<IPersonalDataEraser, RegisterPreferenceEraser>();
        services.AddMessageKeys(nameof(AccessGuard), [.. AccessGuard.MessageKeys, .. NoVoiceContacts.MessageKeys]);
    }
}
