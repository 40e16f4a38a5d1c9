namespace SupportBot.IntegrationTests.Support;

/// <summary>
/// Tests that run with nothing else of this assembly beside them (xUnit runs such a collection after the parallel
/// ones): those that time an answer against a fixed limit (the 2 s) and those that load two app instances
/// hard (they would starve the thread pool other tests' timings share).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "Alone";
}
