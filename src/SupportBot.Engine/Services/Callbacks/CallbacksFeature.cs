using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SupportBot.Engine.Flows.Actions;
using SupportBot.Engine.Features;

namespace SupportBot.Engine.Services.Callbacks;

public sealed class CallbacksFeature : IFeature
{
    /// <summary>Callback requests (dialogs/callback.yaml): the terms and the saving action.</summary>
    public static void Add(IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<CallbackOptions>().Bind(config.GetSection(CallbackOptions.SectionName));
        services.AddSingleton<IFlowAction, CallbackTermsAction>();
        services.AddSingleton<IFlowAction, CallbackSaveAction>();
    }
}
