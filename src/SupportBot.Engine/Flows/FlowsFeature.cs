using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SupportBot.Engine.Bot;
using SupportBot.Engine.Content;
using SupportBot.Engine.Flows.Actions;
using SupportBot.Engine.Flows.Inputs;
using SupportBot.Engine.Messages;
using SupportBot.Engine.Understanding;
using SupportBot.Engine.Features;

namespace SupportBot.Engine.Flows;

public sealed class FlowsFeature : IFeature
{
    /// <summary>
    /// The bot: the flows of dialogs/, the input kinds and actions every flow set needs, and the intent
    /// model. Features add their own input kinds, actions and message keys; <see cref="FlowSet"/> is
    /// validated against all of them when it is first resolved (start-up), so a missing key stops the start.
    /// </summary>
    public static void Add(IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<UnderstandingOptions>().Bind(config.GetSection(UnderstandingOptions.SectionName));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<UnderstandingOptions>>().Value);
        services.AddSingleton<IInputKind, TextInput>();
        services.AddSingleton<IInputKind, ChoiceInput>();
        services.AddSingleton<IInputKind, YesNoInput>();
        services.AddSingleton<IInputKind, PhoneInput>();
        services.AddSingleton<TodayStatusAction>();
        services.AddSingleton<IFlowAction>(sp => sp.GetRequiredService<TodayStatusAction>());
        services.AddSingleton<IFlowAction, GreetingAction>();
        services.AddSingleton<IFlowAction, AfterHoursQuestionAction>();
        services.AddMessageKeys(nameof(FlowEngine), [.. FlowEngine.MessageKeys, .. TodayStatusAction.MessageKeys, .. GreetingAction.MessageKeys]);

        services.AddSingleton(sp => IntentRecognizer.Load(sp.GetRequiredService<IOptions<ContentOptions>>().Value.LocalesFolder));
        services.AddSingleton<IIntentRecognizer>(sp => sp.GetRequiredService<IntentRecognizer>());
        services.AddSingleton(sp =>
        {
            var set = new FlowSet(FlowLoader.LoadFolder(sp.GetRequiredService<IOptions<ContentOptions>>().Value.DialogsFolder),
                sp.GetServices<IInputKind>(), sp.GetServices<IFlowAction>());
            var declared = sp.GetServices<MessageKeyDeclaration>().SelectMany(d => d.Keys)
                .Concat(sp.GetServices<IInputKind>().SelectMany(i => i.MessageKeys));
            var problems = FlowValidator.Validate(set, sp.GetRequiredService<MessageCatalog>(), declared);
            if (problems.Count > 0)
                throw new InvalidOperationException("The flows and catalogs have problems:\n" + string.Join("\n", problems));
            return set;
        });
        services.AddSingleton<IBot, FlowEngine>();
    }
}
