using SupportBot.Language.Learning;

namespace SupportBot.Language.Tests.Intents;

public sealed class GramTableTests
{
    [Fact]
    public void Finds_every_gram_it_holds_and_nothing_else()
    {
        var random = new Random(7);
        const string alphabet = "あいうえおかきくけこ死生予約時間\u0001abc";
        var grams = new Dictionary<string, int>(StringComparer.Ordinal);
        while (grams.Count < 3_000)
        {
            var length = random.Next(1, GramTable.MaxLength + 1);
            var gram = new string([.. Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            grams.TryAdd(gram, grams.Count);
        }
        grams["longer than four"] = grams.Count; // kept out of the table: callers look longer grams up elsewhere
        var table = new GramTable(grams);

        foreach (var (gram, id) in grams)
            if (gram.Length <= GramTable.MaxLength) Assert.Equal(id, table.Find(GramTable.Pack(gram), gram.Length));
        for (var i = 0; i < 3_000; i++)
        {
            var length = random.Next(1, GramTable.MaxLength + 1);
            var gram = new string([.. Enumerable.Range(0, length).Select(_ => "さしすせそ"[random.Next(5)])]);
            Assert.Equal(-1, table.Find(GramTable.Pack(gram), gram.Length));
        }
        // The same characters at another length are another gram.
        Assert.Equal(grams.GetValueOrDefault("あ", -1), table.Find(GramTable.Pack("あ"), 1));
        Assert.Equal(-1, new GramTable([new("あ", 0)]).Find(GramTable.Pack("あ\0"), 2));
    }
}
