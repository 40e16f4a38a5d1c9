namespace SupportBot.Language.Intents;

/// <summary>One thing a user might type that means <paramref name="Intent"/>.</summary>
public sealed record IntentExample(string Intent, string Text);

/// <summary>An intent and how well a message matches it, in [0, 1].</summary>
public sealed record IntentScore(string Name, double Score);
