using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SupportBot.Engine.Flows.Actions;
using SupportBot.Engine.Flows.Inputs;
using SupportBot.Engine.Messages;
using SupportBot.Engine.Services.Reminders;
using SupportBot.Engine.Features;

namespace SupportBot.Engine.Services.Bookings;

/// <summary>Intake booking: options, slot catalog, the booking flow's input kinds and actions, reminders, the staff's calendar feed (see docs/booking.md).</summary>
public sealed class BookingsFeature : IFeature
{

    public static void Add(IServiceCollection services, IConfiguration config)
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

        services.AddSingleton<IPersonalDataEraser, BookingEraser>();
        services.AddSingleton<IReminderHandler, BookingReminder>();
        services.AddSingleton<BookingFeed>();
        services.AddMessageKeys("bookings",
            [.. BookingSearchAction.MessageKeys, .. BookingReviewAction.MessageKeys, .. BookingMineAction.MessageKeys, .. BookingReminder.MessageKeys, .. BookingFeed.MessageKeys]);
    }
}

/// <summary>Names every invalid <c>Booking:</c> key (see <see cref="BookingOptions.Problems"/>).</summary>
internal sealed class BookingOptionsValidation : IValidateOptions<BookingOptions>
{
    public ValidateOptionsResult Validate(string? name, BookingOptions options) =>
        options.Problems() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
