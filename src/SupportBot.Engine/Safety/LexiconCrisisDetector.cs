using SupportBot.Language.Safety;

namespace SupportBot.Engine.Safety;

/// <summary>The engine's view of <see cref="CrisisDetector"/> (the explainable lexicon model in SupportBot.Language).</summary>
public sealed class LexiconCrisisDetector : ICrisisDetector
{
    public CrisisSignal Assess(string text)
    {
        var a = CrisisDetector.Assess(text);
        return a.IsCrisis
            ? new CrisisSignal(true, a.CategoryName, a.Immediate, a.AboutSomeoneElse, a.Category == CrisisCategory.Violence, a.Cues)
            : CrisisSignal.None;
    }
}
