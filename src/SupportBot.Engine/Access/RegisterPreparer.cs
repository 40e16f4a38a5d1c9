using Microsoft.Extensions.Logging;
using SupportBot.Engine.Bot;
using SupportBot.Engine.Flows;
using SupportBot.Engine.State;
using SupportBot.Language.Answers;

namespace SupportBot.Engine.Access;

/// <summary>
/// Settles the register of a turn before anything answers: the choice made in this conversation, else the
/// person's kept choice (LINE: by user id, read once per conversation state), else what the activity's locale
/// says (a Web Chat page may ask for <c>ja-JP-x-easy</c>, see the Direct Line token). Plain switches the turn to the
/// catalog's plain variant, standard back to its base culture.
/// </summary>
public sealed class RegisterPreparer(RegisterPreferences preferences, ILogger<RegisterPreparer> log) : ITurnPreparer
{
    public const string Plain = "plain";
    public const string Standard = "standard";

    public async Task PrepareAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var state = turn.State;
        if (state.Access?.Register is null && state.Access?.PreferenceRead != true && preferences.Remembers(turn.Incoming))
        {
            Register? kept = null;
            try { kept = await preferences.GetAsync(turn.Incoming, cancellationToken); }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // The store is down (a stateless turn): the standard register, nothing lost.
                AccessLog.PreferenceUnavailable(log, ex.GetType().Name);
            }
            state.Access ??= new AccessMark();
            state.Access.PreferenceRead = true;
            if (kept is { } k) state.Access.Register = Name(k);
        }
        Apply(turn);
    }

    /// <summary>Makes the turn speak the conversation's chosen register.</summary>
    public static void Apply(TurnContext turn)
    {
        switch (turn.State.Access?.Register)
        {
            case Plain: turn.UseCulture(turn.Catalog.PlainCulture(turn.Culture)); break;
            case Standard: turn.UseCulture(turn.Catalog.StandardCulture(turn.Culture)); break;
        }
    }

    public static string Name(Register register) => register == Register.Plain ? Plain : Standard;
}

internal static partial class AccessLog
{
    [LoggerMessage(4101, LogLevel.Warning, "The kept plain-language choice could not be read ({ExceptionType}); answering in the standard register.")]
    public static partial void PreferenceUnavailable(ILogger logger, string exceptionType);

    [LoggerMessage(4102, LogLevel.Warning, "The plain-language choice could not be kept ({ExceptionType}); it holds for this conversation.")]
    public static partial void PreferenceNotSaved(ILogger logger, string exceptionType);

    [LoggerMessage(4103, LogLevel.Information, "Register switched to {Register} on channel {Channel}.")]
    public static partial void Switched(ILogger logger, string register, string channel);
}
