namespace SupportBot.Engine.Safety;

/// <summary>What the crisis detector found in a message.</summary>
/// <param name="IsCrisis">Show the crisis reply.</param>
/// <param name="Category">A stable name (suicidal_ideation, self_harm, overdose, medical_emergency, violence, …) for staff alerts and audit.</param>
/// <param name="Immediate">Danger right now: the reply leads with 119 / 110.</param>
/// <param name="AboutSomeoneElse">A third party is at risk (家族が「死にたい」と言っている).</param>
/// <param name="Violence">Violence is involved: 110 rather than 119.</param>
/// <param name="Cues">Rule ids that fired (never message text), for traces and audit.</param>
/// <param name="IsConcern">Not a crisis, but distress worth a gentle check-in (the concern tier).</param>
public sealed record CrisisSignal(bool IsCrisis, string Category, bool Immediate, bool AboutSomeoneElse, bool Violence, IReadOnlyList<string> Cues, bool IsConcern = false)
{
    public static readonly CrisisSignal None = new(false, "none", false, false, false, []);

    public static CrisisSignal Concern(IReadOnlyList<string> cues) => new(false, "concern", false, false, false, cues, IsConcern: true);

    /// <summary>crisis, concern or none: the tier as traces and the recognize command show it.</summary>
    public string Tier => IsCrisis ? "crisis" : IsConcern ? "concern" : "none";
}

/// <summary>Finds crisis cues in a message (the model lives in SupportBot.Language/Safety).</summary>
public interface ICrisisDetector
{
    CrisisSignal Assess(string text);
}
