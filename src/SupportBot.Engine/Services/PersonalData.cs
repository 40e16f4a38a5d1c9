using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SupportBot.Engine.Features;
using Microsoft.Extensions.Logging;

namespace SupportBot.Engine.Services;

/// <summary>
/// Forgets one person: runs every registered <see cref="IPersonalDataEraser"/> (the person blocked or
/// left the LINE account, or asked to be forgotten). One eraser failing does not stop the others.
/// </summary>
public sealed class PersonalData(IEnumerable<IPersonalDataEraser> erasers, ILogger<PersonalData> log)
{
    /// <summary>Returns how many items went (a count for the log, never content).</summary>
    public async Task<int> EraseAsync(ConversationReference who, CancellationToken cancellationToken)
    {
        var items = 0;
        foreach (var eraser in erasers)
        {
            try { items += await eraser.EraseAsync(who, cancellationToken); }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested) { PersonalDataLog.EraserFailed(log, eraser.GetType().Name, ex.GetType().Name); }
        }
        PersonalDataLog.Erased(log, who.ChannelId, items);
        return items;
    }
}

internal static partial class PersonalDataLog
{
    [LoggerMessage(2301, LogLevel.Warning, "Erasing a person's data: {Eraser} failed ({ExceptionType}); the rest went on.")]
    public static partial void EraserFailed(ILogger logger, string eraser, string exceptionType);

    [LoggerMessage(2302, LogLevel.Information, "A person's data was erased on channel {Channel}: {Items} items.")]
    public static partial void Erased(ILogger logger, string channel, int items);
}

/// <summary>Forgetting a person: the service and the erasers of what every conversation has (its state, requests left for
/// staff — filed through <see cref="StaffRequests"/>). Features that keep more register their own eraser (bookings, meetups).</summary>
public sealed class PersonalDataFeature : IFeature
{
    public static void Add(IServiceCollection services, IConfiguration config) =>
        services.AddSingleton<PersonalData>()
            .AddSingleton<StaffRequests>()
            .AddSingleton<IPersonalDataEraser, ConversationStateEraser>()
            .AddSingleton<IPersonalDataEraser, StaffRequestEraser>();
}
