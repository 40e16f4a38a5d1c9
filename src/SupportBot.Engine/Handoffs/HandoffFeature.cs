using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SupportBot.Engine.Features;
using SupportBot.Engine.Flows;
using SupportBot.Engine.Flows.Actions;
using SupportBot.Engine.Messages;

namespace SupportBot.Engine.Handoffs;

public sealed class HandoffFeature : IFeature
{
    /// <summary>Live hand-off to a person (dialogs/handoff.yaml, the staff console; docs/staff.md).</summary>
    public static void Add(IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton<HandoffDesk>();
        services.AddSingleton<ITurnGuard, HandoffGuard>();
        services.AddSingleton<IFlowAction, HandoffRequestAction>();
        services.AddHostedService<HandoffTimeouts>();
        services.AddMessageKeys(nameof(HandoffDesk), HandoffDesk.MessageKeys);
    }
}

/// <summary>Every 10 s (on the app's clock): waiting hand-offs nobody took in time become unanswered, and the resident hears so.</summary>
internal sealed partial class HandoffTimeouts(HandoffDesk desk, TimeProvider clock, ILogger<HandoffTimeouts> log) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try { await desk.ExpireWaitingAsync(stoppingToken); }
                catch (Exception ex) when (ex is not OperationCanceledException) { CheckFailed(log, ex.GetType().Name); }
                await Task.Delay(Every, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    [LoggerMessage(8201, LogLevel.Warning, "Checking waiting hand-offs failed ({ExceptionType}); the next round tries again.")]
    private static partial void CheckFailed(ILogger logger, string exceptionType);
}
