using System.Text.RegularExpressions;
using SupportBot.Language.Safety;
using SupportBot.Language.Tests.Intents;

namespace SupportBot.Language.Tests.Safety;

/// <summary>
/// The lexicon skips a rule when none of the literals its pattern requires is in a message. That is only safe if
/// the literals really are required: every message a rule matches must also pass its prefilter.
/// </summary>
public sealed class LiteralPrefilterTests
{
    [Theory]
    [InlineData("(死|し)に(たい|たく)", "しにたい しにたく 死にたい 死にたく")]
    [InlineData("(自殺|じさつ)(したい|計画)", "じさつしたい じさつ計画 自殺したい 自殺計画")]
    [InlineData("限界", "限界")]
    [InlineData("(?<![a-z])od(?!ds)", "od")]                       // lookarounds match no text of their own
    [InlineData("さよ(う)?なら", "さようなら さよなら")]
    [InlineData("[はにも]死", "に死 は死 も死")]
    [InlineData("^もう.{0,6}無理$", "もう")]                        // either side of the gap would do; the first is kept
    [InlineData("(海|うみ)に.{0,4}(行く|いく)", "うみに 海に")]
    [InlineData("a\\.b", "a.b")]
    [InlineData("x+y", "x")]
    public void Derives_the_literals_a_match_must_contain(string pattern, string expected)
    {
        var literals = LiteralPrefilter.RequiredLiterals(pattern);
        Assert.NotNull(literals);
        Assert.Equal(expected, string.Join(" ", literals!.Order(StringComparer.Ordinal)));
    }

    [Theory]
    [InlineData("a*")]            // can match nothing at all
    [InlineData("(a|)b?")]
    [InlineData(".{2,}")]
    [InlineData("[^a]")]
    [InlineData("(?i)shine")]     // inline options: not read, so the rule always runs
    [InlineData("\\p{L}+")]
    [InlineData("(a)\\1")]
    public void Gives_no_literals_where_none_is_required_or_the_syntax_is_unknown(string pattern) =>
        Assert.Null(LiteralPrefilter.RequiredLiterals(pattern));

    [Fact]
    public void Every_text_a_lexicon_pattern_matches_passes_its_prefilter()
    {
        var patterns = CrisisLexicon.Rules.Select(r => r.Pattern).Concat(CrisisLexicon.Suppressors.Select(s => s.Pattern)).ToArray();
        var regexes = patterns.Select(p => new Regex(p, RegexOptions.CultureInvariant)).ToArray();
        var filter = new LiteralPrefilter(patterns);
        var root = IntentData.RepositoryRoot;
        var texts = new[] { "corpus/crisis.dev.tsv", "corpus/crisis.test.tsv", "corpus/intents.dev.tsv", "locales/ja-JP/crisis.train.tsv", "locales/ja-JP/intents.train.tsv" }
            .SelectMany(f => IntentData.Tsv(Path.Combine(root, f)).Select(c => c[2]))
            .Select(CrisisText.Fold).Distinct().ToArray();
        Assert.True(texts.Length > 5_000, $"only {texts.Length} texts");

        var matchedSomewhere = new bool[patterns.Length];
        var candidates = new bool[patterns.Length];
        var skipped = 0L;
        foreach (var text in texts)
        {
            filter.Candidates(text, candidates);
            for (var p = 0; p < patterns.Length; p++)
            {
                if (!candidates[p]) skipped++;
                if (!regexes[p].IsMatch(text)) continue;
                matchedSomewhere[p] = true;
                Assert.True(candidates[p], $"pattern {p} matches a text its prefilter skips: {patterns[p]}");
            }
        }
        // The check means something only if most patterns match some text, and the filter skips most work.
        Assert.True(matchedSomewhere.Count(m => m) >= patterns.Length * 9 / 10, $"{matchedSomewhere.Count(m => m)} of {patterns.Length} patterns matched a text");
        Assert.True(skipped > texts.Length * (long)patterns.Length / 2, $"the prefilter skipped only {skipped} of {texts.Length * (long)patterns.Length}");
        Assert.Equal(0, filter.AlwaysRun);
    }
}
