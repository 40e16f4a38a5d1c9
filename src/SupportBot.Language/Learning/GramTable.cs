namespace SupportBot.Language.Learning;

/// <summary>
/// Grams of one to four characters → feature id, keyed by the gram's characters packed into one 64-bit number:
/// a message's grams are looked up with a multiply and a probe or two, with no string and no string hash per
/// gram (the crisis classifier reads every message, each with a hundred or more grams).
/// </summary>
internal sealed class GramTable
{
    public const int MaxLength = 4;

    // One open-addressing table per gram length, so a packed key needs no room for its length.
    private readonly ulong[][] _keys = new ulong[MaxLength][];
    private readonly int[][] _ids = new int[MaxLength][];
    private readonly int[] _shift = new int[MaxLength];

    public GramTable(IEnumerable<KeyValuePair<string, int>> grams)
    {
        var byLength = grams.Where(g => g.Key.Length is > 0 and <= MaxLength).GroupBy(g => g.Key.Length).ToDictionary(g => g.Key, g => g.ToList());
        for (var n = 1; n <= MaxLength; n++)
        {
            var entries = byLength.GetValueOrDefault(n) ?? [];
            var bits = 4;
            while ((1 << bits) < entries.Count * 2) bits++;
            _shift[n - 1] = 64 - bits;
            var keys = _keys[n - 1] = new ulong[1 << bits];
            var ids = _ids[n - 1] = new int[1 << bits];
            Array.Fill(ids, -1);
            foreach (var (gram, id) in entries)
            {
                var key = Pack(gram);
                var slot = Slot(key, _shift[n - 1]);
                while (ids[slot] >= 0) slot = (slot + 1) & (ids.Length - 1);
                keys[slot] = key;
                ids[slot] = id;
            }
        }
    }

    /// <summary>The characters of a gram of at most <see cref="MaxLength"/> characters in one number.</summary>
    public static ulong Pack(ReadOnlySpan<char> gram)
    {
        ulong key = 0;
        for (var i = 0; i < gram.Length; i++) key |= (ulong)gram[i] << (16 * i);
        return key;
    }

    private static int Slot(ulong key, int shift) => (int)((key * 0x9E3779B97F4A7C15UL) >> shift);

    /// <summary>The id of the gram of <paramref name="length"/> characters packed as <paramref name="key"/>, or -1.</summary>
    public int Find(ulong key, int length)
    {
        var keys = _keys[length - 1];
        var ids = _ids[length - 1];
        var mask = ids.Length - 1;
        for (var slot = Slot(key, _shift[length - 1]); ; slot = (slot + 1) & mask)
        {
            var id = ids[slot];
            if (id < 0) return -1;
            if (keys[slot] == key) return id;
        }
    }
}
