using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SupportBot.Engine.Flows.Actions;

namespace SupportBot.Engine.Services.Callbacks;

public static class CallbackServiceCollectionExtensions
{
    /// <summary>Callback requests (dialogs/callback.yaml): the terms and the saving action.</summary>
    public static IServiceCollection AddCallbacks(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<CallbackOptions>().Bind(config.GetSection(CallbackOptions.SectionName));
        services.AddSingleton<IFlowAction, CallbackTermsAction>();
        services.AddSingleton<IFlowAction, CallbackSaveAction>();
        return services;
    }
}
