using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SupportBot.Engine.Features;
using SupportBot.Engine.Flows;
using SupportBot.Engine.Messages;

namespace SupportBot.Engine.Limits;

/// <summary>How much text one message may carry (section <c>Limits</c>); bodies have their own limits per channel.</summary>
public sealed class MessageLimitsOptions
{
    public const string SectionName = "Limits";

    /// <summary>Longer messages get a polite request to send it in parts (after the crisis guard has read them).</summary>
    public int MaxTextLength { get; set; } = 2000;

    /// <summary>Messages one sender may send per minute before the bot asks them to slow down (crisis messages are never limited).
    /// 0 turns the per-sender limit off: for a load test, or behind a gateway that limits senders itself.</summary>
    public int MessagesPerMinute { get; set; } = 30;

    /// <summary>Direct Line tokens and conversations one address may start per minute.</summary>
    public int TokensPerMinutePerAddress { get; set; } = 20;
}

/// <summary>
/// A message far longer than anyone types (a pasted document, a flood) is not read by the flows: the person is
/// asked kindly to send it in shorter parts. It runs after the crisis guard, so a crisis inside it is answered.
/// </summary>
public sealed class MessageLengthGuard(IOptions<MessageLimitsOptions> options) : ITurnGuard
{
    public const string TooLongKey = "common.too_long";

    public int Order => 5;

    public Task<bool> HandleAsync(FlowTurn turn, CancellationToken cancellationToken)
    {
        var max = options.Value.MaxTextLength;
        if (turn.Text.Length <= max) return Task.FromResult(false);
        turn.Args["max"] = max.ToString(System.Globalization.CultureInfo.InvariantCulture);
        turn.Say(TooLongKey);
        return Task.FromResult(true);
    }

    public Task AfterTurnAsync(FlowTurn turn, CancellationToken cancellationToken) => Task.CompletedTask;
}

public sealed class MessageLimitsFeature : IFeature
{
    public static void Add(IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<MessageLimitsOptions>().Bind(config.GetSection(MessageLimitsOptions.SectionName))
            .Validate(o => o.MaxTextLength is >= 100 and <= 100_000, "Limits:MaxTextLength must be between 100 and 100000.")
            .Validate(o => o.MessagesPerMinute is 0 or (>= 5 and <= 10_000), "Limits:MessagesPerMinute must be 0 (off) or between 5 and 10000.")
            .Validate(o => o.TokensPerMinutePerAddress is >= 1 and <= 10_000, "Limits:TokensPerMinutePerAddress must be between 1 and 10000.")
            .ValidateOnStart();
        services.AddSingleton<ITurnGuard, MessageLengthGuard>();
        services.AddMessageKeys(nameof(MessageLengthGuard), [MessageLengthGuard.TooLongKey]);
        services.AddSingleton<TurnLimiter>();
        services.AddMessageKeys(nameof(TurnLimiter), [TurnLimiter.SlowDownKey]);
    }
}
