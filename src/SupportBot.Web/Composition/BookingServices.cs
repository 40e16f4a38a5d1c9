using Microsoft.Extensions.Options;
using SupportBot.Engine.Flows.Actions;
using SupportBot.Engine.Flows.Inputs;
using SupportBot.Engine.Services.Bookings;
using SupportBot.Engine.Services.Reminders;

namespace SupportBot.Web.Composition;

/// <summary>Intake booking: options, slot catalog, the booking flow's input kinds and actions, reminders (see docs/booking.md).</summary>
public static class BookingServices
{
    /// <summary>Message keys the booking code says outside the flows (checked at start-up).</summary>
    public static readonly IEnumerable<string> MessageKeys =
        [.. BookingSearchAction.MessageKeys, .. BookingReviewAction.MessageKeys, .. BookingMineAction.MessageKeys, .. BookingReminder.MessageKeys, .. Endpoints.ICalendar.MessageKeys];

    public static IServiceCollection AddBookings(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<BookingOptions>().Bind(config.GetSection(BookingOptions.SectionName))
            .Validate(o => o.Problems().Count == 0, "Booking settings are invalid (see docs/booking.md).");
        services.AddSingleton<SlotCatalog>();
        services.AddSingleton(sp =>
        {
            var problems = sp.GetRequiredService<IOptions<BookingOptions>>().Value.Problems();
            if (problems.Count > 0) throw new InvalidOperationException("Booking settings:\n" + string.Join("\n", problems));
            return ActivatorUtilities.CreateInstance<BookingDesk>(sp);
        });

        services.AddSingleton<IInputKind, DateInput>();
        services.AddSingleton<IInputKind, MultiChoiceInput>();
        services.AddSingleton<IInputKind, OptionalTextInput>();
        services.AddSingleton<IInputKind, SlotInput>();
        services.AddSingleton<IInputKind, ReviewInput>();

        services.AddSingleton<IFlowAction, BookingTermsAction>();
        services.AddSingleton<IFlowAction, BookingSearchAction>();
        services.AddSingleton<IFlowAction, BookingHoldAction>();
        services.AddSingleton<IFlowAction, BookingResumeAction>();
        services.AddSingleton<IFlowAction, BookingReleaseAction>();
        services.AddSingleton<IFlowAction, BookingReviewAction>();
        services.AddSingleton<IFlowAction, BookingConfirmAction>();
        services.AddSingleton<IFlowAction, BookingMineAction>();
        services.AddSingleton<IFlowAction, BookingCancelAction>();
        services.AddSingleton<IFlowAction, BookingChangeAction>();

        services.AddSingleton<IReminderHandler, BookingReminder>();
        services.AddSingleton<ReminderSender>();
        services.AddHostedService(sp => sp.GetRequiredService<ReminderSender>());
        return services;
    }
}
