namespace SupportBot.Engine.Understanding;

/// <summary>Recognizes nothing: every message goes to the menu. Used only until the trained recognizer is wired.</summary>
public sealed class NoIntents : IIntentRecognizer
{
    public IReadOnlyList<IntentScore> Recognize(string text, string culture) => [];
}
