using StackExchange.Redis;
using SupportBot.Engine.State;

namespace SupportBot.Storage.Redis;

// Record removal: {prefix}log:{name} is a sorted set whose members are the record JSON, so a record
// is removed by its exact JSON (ZREM, one round trip).
public sealed partial class RedisStore : IRecordEraser
{
    public async Task<int> RemoveAsync(string log, IReadOnlyCollection<string> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (records.Count == 0) return 0;
        var members = records.Select(r => (RedisValue)r).ToArray();
        return (int)await RunAsync(db => db.SortedSetRemoveAsync(LogKey(log), members), cancellationToken).ConfigureAwait(false);
    }
}
