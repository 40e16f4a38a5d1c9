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
        services.AddOptions<BookingOptions>().Bind(config.GetSection(BookingOptions.SectionName));
        // Every problem named by its key; ValidateSupportBot resolves the desk, so bad settings stop the start.
        services.AddSingleton<IValidateOptions<BookingOptions>, BookingOptionsValidation>();
        services.AddSingleton<SlotCatalog>();
        services.AddSingleton<BookingDesk>();

        services.AddSingleton<IInputKind, DateInput>();
        services.AddSingleton<IInputKind, MultiChoiceInput>();
        services.AddSingleton<IInputKind, OptionalTextInput>();
        services.AddSingleton<IInputKind, SlotInput>();
        services.AddSingleton<IInputKind, ReviewInput>();
        services.AddSingleton<IInputKind, WhoInput>();

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

        services.AddSingleton<Engine.Services.IPersonalDataEraser, BookingEraser>();
        services.AddSingleton<IReminderHandler, BookingReminder>();
        return services;
    }
}

/// <summary>Names every invalid <c>Booking:</c> key (see <see cref="BookingOptions.Problems"/>).</summary>
internal sealed class BookingOptionsValidation : IValidateOptions<BookingOptions>
{
    public ValidateOptionsResult Validate(string? name, BookingOptions options) =>
        options.Problems() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
