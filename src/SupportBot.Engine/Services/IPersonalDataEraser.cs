namespace SupportBot.Engine.Services;

/// <summary>
/// Deletes what the bot keeps about one person (the person blocked or left the LINE account, or asked
/// to be forgotten). Each kind of stored data has its own eraser; a channel runs all registered ones.
/// Bookings (with their reminders) have theirs (BookingEraser). Erasers never throw for a missing entry.
/// </summary>
public interface IPersonalDataEraser
{
    /// <summary>Deletes <paramref name="who"/>'s data of this kind; returns how many items went (for logs: a count, never content).</summary>
    Task<int> EraseAsync(ConversationReference who, CancellationToken cancellationToken);
}
