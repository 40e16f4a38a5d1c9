namespace SupportBot.Engine.State;

/// <summary>Removes given records from a record log (a person asked to be forgotten, or left the LINE account).</summary>
public interface IRecordEraser
{
    /// <summary>Removes the records of <paramref name="log"/> whose JSON equals one of <paramref name="records"/>; returns how many went.</summary>
    Task<int> RemoveAsync(string log, IReadOnlyCollection<string> records, CancellationToken cancellationToken = default);
}
