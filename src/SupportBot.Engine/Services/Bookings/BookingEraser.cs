using SupportBot.Engine.State;

namespace SupportBot.Engine.Services.Bookings;

/// <summary>
/// The person's bookings (nickname, phone, needs, topic) when they ask to be forgotten (LINE unfollow):
/// each is deleted at once, its place freed and its reminder dropped. Staff hear that an upcoming
/// appointment is gone (booking number and time only — the details are what was erased).
/// </summary>
public sealed class BookingEraser(BookingDesk desk, TimeProvider clock) : IPersonalDataEraser
{
    public async Task<int> EraseAsync(ConversationReference who, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var erased = 0;
        foreach (var booking in await desk.Ledger.ListByUserAsync($"{who.ChannelId}:{who.UserId}", cancellationToken))
        {
            await desk.RemoveReminderAsync(booking.Id, cancellationToken);
            if (!await desk.Ledger.DeleteAsync(booking.Id, cancellationToken)) continue;
            erased++;
            if (booking.Status == BookingStatus.Confirmed && booking.Start > now)
                desk.Notify("booking_erased", booking with { Details = "{}" }, now);
        }
        return erased;
    }
}
