using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace SupportBot.Engine.Features;

/// <summary>
/// A part of the bot that registers itself from its own folder: its options, services, input kinds,
/// actions, erasers, outbox sender and the message keys it says (docs/architecture.md, "Registration").
/// The app registers every feature it finds, so adding one touches only the feature's folder, its YAML
/// and its catalog.
/// </summary>
public interface IFeature
{
    static abstract void Add(IServiceCollection services, IConfiguration config);
}

public static class FeatureServiceCollectionExtensions
{
    /// <summary>
    /// Registers every <see cref="IFeature"/> of the given assemblies, in the order of their full names. The
    /// order does not matter: guards say their own <see cref="Flows.ITurnGuard.Order"/>, everything else is
    /// found by name, channel or kind.
    /// </summary>
    public static IServiceCollection AddFeatures(this IServiceCollection services, IConfiguration config, params Assembly[] assemblies)
    {
        var add = typeof(FeatureServiceCollectionExtensions).GetMethod(nameof(AddOne), BindingFlags.NonPublic | BindingFlags.Static)!;
        foreach (var feature in Find(assemblies))
            add.MakeGenericMethod(feature).Invoke(null, [services, config]);
        return services;
    }

    /// <summary>The features of the given assemblies, in registration order.</summary>
    public static IReadOnlyList<Type> Find(params Assembly[] assemblies) =>
        [.. assemblies.Distinct().SelectMany(a => a.GetTypes())
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IFeature).IsAssignableFrom(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)];

    private static void AddOne<TFeature>(IServiceCollection services, IConfiguration config) where TFeature : IFeature =>
        TFeature.Add(services, config);
}
