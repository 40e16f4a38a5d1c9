using SupportBot.Engine.Activities;
using SupportBot.Language.Phone;

namespace SupportBot.Engine.Flows.Inputs;

/// <summary>A Japanese phone number (090-…, 0465-71-…, full-width, without hyphens); stored in display form.</summary>
public sealed class PhoneInput : IInputKind
{
    public string Name => FlowNames.Kinds.Phone;
    public IReadOnlyCollection<string> MessageKeys => ["common.retry.phone_jp"];

    public InputResult Read(FlowTurn turn, StepDefinition step) =>
        JapanesePhoneNumber.Read(turn.Text) is { } phone
            ? new InputResult.Matched(phone.Display, Display: phone.Display)
            : new InputResult.NoMatch("common.retry.phone_jp");

    public void Decorate(FlowTurn turn, StepDefinition step, Activity question) { }
}
