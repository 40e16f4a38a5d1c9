using Microsoft.Extensions.DependencyInjection;

namespace SupportBot.Engine.Messages;

/// <summary>
/// Message keys that code says outside the flows (a guard's reply, an action's list item, a channel's
/// button label). Whatever says messages declares its keys where it is registered; start-up validation
/// collects every declaration from DI, so a key missing in a culture stops the start.
/// </summary>
public sealed record MessageKeyDeclaration(string Owner, IReadOnlyCollection<string> Keys);

public static class MessageKeyServiceCollectionExtensions
{
    /// <summary>Declares keys that <paramref name="owner"/> says (checked at start-up against every culture).</summary>
    public static IServiceCollection AddMessageKeys(this IServiceCollection services, string owner, IEnumerable<string> keys) =>
        services.AddSingleton(new MessageKeyDeclaration(owner, [.. keys]));

    /// <summary>Declares keys known only once other services exist (e.g. one per configured meetup).</summary>
    public static IServiceCollection AddMessageKeys(this IServiceCollection services, string owner, Func<IServiceProvider, IEnumerable<string>> keys) =>
        services.AddSingleton(sp => new MessageKeyDeclaration(owner, [.. keys(sp)]));
}
