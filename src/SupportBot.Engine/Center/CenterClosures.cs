using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SupportBot.Calendar;
using SupportBot.Engine.Features;
using SupportBot.Engine.Services.Bookings;
using SupportBot.Engine.Staff;
using SupportBot.Engine.State;

namespace SupportBot.Engine.Center;

/// <summary>A stored staff closure and its id (the start of its record's hash).</summary>
public sealed record StoredClosure(string Id, AdHocClosure Closure);

/// <summary>
/// Closures staff add at run time (the staff console, <c>POST /admin/closures</c>): kept in the record log
/// <see cref="SlotCatalog.ClosuresLog"/>, honoured by the slot search, and given to the <see cref="BusinessCalendar"/>
/// so the bot's answers (「今日はやってますか」, the greeting, after-hours routing) change at once. Other instances
/// hear of a change through the signal bus and re-read; they also re-read every <see cref="RefreshEvery"/> in case
/// a notice was missed.
/// </summary>
public sealed class CenterClosures(BusinessCalendar calendar, SlotCatalog slots, IRecordLog records, IRecordEraser eraser, ISignalBus signals, TimeProvider clock)
{
    public const string Topic = "closures";

    public static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(30);

    /// <summary>The stored closures that have not ended, by start.</summary>
    public async Task<IReadOnlyList<StoredClosure>> ListAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var today = calendar.DateAt(now);
        var list = new List<StoredClosure>();
        foreach (var json in await records.ReadAsync(SlotCatalog.ClosuresLog, now - SlotCatalog.ClosureRetention, now + SlotCatalog.ClosureRetention, ct))
            if (JsonSerializer.Deserialize<AdHocClosure>(json, SlotCatalog.Json) is { } closure && (closure.Through ?? closure.Date) >= today)
                list.Add(new StoredClosure(StaffInbox.Id(json), closure));
        return [.. list.OrderBy(c => c.Closure.Date).ThenBy(c => c.Closure.From)];
    }

    public async Task AddAsync(AdHocClosure closure, CancellationToken ct = default)
    {
        await slots.AddClosureAsync(closure, clock.GetUtcNow(), ct);
        await ChangedAsync(ct);
    }

    /// <summary>Removes a stored closure; false when there is none with that id.</summary>
    public async Task<bool> RemoveAsync(string id, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var json = (await records.ReadAsync(SlotCatalog.ClosuresLog, now - SlotCatalog.ClosureRetention, now + SlotCatalog.ClosureRetention, ct))
            .FirstOrDefault(j => StaffInbox.Id(j) == id);
        if (json is null) return false;
        await eraser.RemoveAsync(SlotCatalog.ClosuresLog, [json], ct);
        await ChangedAsync(ct);
        return true;
    }

    /// <summary>Gives the stored closures to the calendar.</summary>
    public async Task RefreshAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var stored = await records.ReadAsync(SlotCatalog.ClosuresLog, now - SlotCatalog.ClosureRetention, now + SlotCatalog.ClosureRetention, ct);
        calendar.SetStaffClosures(stored.Select(j => JsonSerializer.Deserialize<AdHocClosure>(j, SlotCatalog.Json)).OfType<AdHocClosure>());
    }

    private async Task ChangedAsync(CancellationToken ct)
    {
        await RefreshAsync(ct);
        await signals.PublishAsync(Topic, "changed", ct);
    }
}

/// <summary>Keeps this instance's calendar in step with the stored closures: at start, on every notice, and every 30 s.</summary>
internal sealed partial class ClosureSync(CenterClosures closures, ISignalBus signals, TimeProvider clock, ILogger<ClosureSync> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        IAsyncDisposable? subscription = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    subscription ??= await signals.SubscribeAsync(CenterClosures.Topic, _ => Refresh(stoppingToken), stoppingToken);
                    await closures.RefreshAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The store is away: the calendar keeps the closures it had; the next round tries again.
                    RefreshFailed(log, ex.GetType().Name);
                }
                await Task.Delay(CenterClosures.RefreshEvery, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
        finally
        {
            if (subscription is not null) await subscription.DisposeAsync();
        }
    }

    private async Task Refresh(CancellationToken ct)
    {
        try { await closures.RefreshAsync(ct); }
        catch (Exception ex) when (ex is not OperationCanceledException) { RefreshFailed(log, ex.GetType().Name); }
    }

    [LoggerMessage(8101, LogLevel.Warning, "Reading the staff closures failed ({ExceptionType}); the calendar keeps the ones it had.")]
    private static partial void RefreshFailed(ILogger logger, string exceptionType);
}

public sealed class ClosuresFeature : IFeature
{
    /// <summary>Staff closures that the calendar (and so every answer) honours at once, on every instance.</summary>
    public static void Add(IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton<CenterClosures>();
        services.AddHostedService<ClosureSync>();
    }
}
