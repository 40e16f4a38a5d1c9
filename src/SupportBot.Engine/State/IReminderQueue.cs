namespace SupportBot.Engine.State;

/// <summary>A due entry of the reminder queue: what kind (<c>booking</c>, <c>meetup</c>…) and which one.</summary>
public sealed record ReminderItem(string Kind, string Id);

/// <summary>
/// Scheduled reminders. <see cref="ClaimDueAsync"/> takes due entries out atomically, so with any
/// number of instances polling, each reminder is claimed (and sent) by exactly one.
/// </summary>
public interface IReminderQueue
{
    /// <summary>Schedules (or moves) the reminder of <paramref name="item"/> to <paramref name="due"/>.</summary>
    Task ScheduleAsync(ReminderItem item, DateTimeOffset due, CancellationToken cancellationToken = default);

    Task RemoveAsync(ReminderItem item, CancellationToken cancellationToken = default);

    /// <summary>Removes and returns up to <paramref name="max"/> entries due at or before <paramref name="now"/>.</summary>
    Task<IReadOnlyList<ReminderItem>> ClaimDueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken = default);

    /// <summary>When the next entry is due, or null when the queue is empty.</summary>
    Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default);
}
