using System.Text.RegularExpressions;

namespace SupportBot.Language.Safety;

/// <summary>How worried the bot should be about a message.</summary>
public enum RiskTier
{
    /// <summary>Nothing to act on.</summary>
    None,
    /// <summary>Distress that is not explicit (exhaustion, hopelessness, loneliness at night): a gentle check-in
    /// with the 24-hour line and いのちの電話, without the crisis state.</summary>
    Concern,
    /// <summary>A crisis: the full crisis reply and the crisis state.</summary>
    Crisis,
}

/// <summary>The safety verdict on one message, explainable by cue ids (never by text).</summary>
public sealed record RiskAssessment(RiskTier Tier, CrisisCategory Category, bool Immediate, bool AboutSomeoneElse, double Score, IReadOnlyList<string> Cues)
{
    public static readonly RiskAssessment None = new(RiskTier.None, CrisisCategory.None, false, false, 0, []);

    public string CategoryName => CrisisAssessment.NameOf(Category);
}

/// <summary>
/// The safety model: the lexicon (<see cref="CrisisDetector"/>: certain, named cues) first; then the trained
/// classifier (<see cref="CrisisClassifier"/>) for what the lexicon never listed; then the concern cues. A
/// message the lexicon suppresses as a whole (a recovery story, hyperbole) needs a stronger classifier
/// reading to count. Thresholds were chosen on the dev split of corpus/ (docs/safety.md has the figures):
/// on the side of recall, since showing the contacts once too often costs little.
/// </summary>
public sealed class SafetyModel(CrisisClassifier classifier, SafetyThresholds? thresholds = null)
{
    private readonly SafetyThresholds _t = thresholds ?? SafetyThresholds.Default;

    // The detector's compiled backtracking regex: the non-backtracking engine held large automata and scanned slower.
    private static Regex Concern => CrisisDetector.Distress;

    /// <summary>What <see cref="RiskAssessment"/> is built with when a lexicon cue stood in a story context the classifier did not confirm.</summary>
    public const string StoryTag = "story.context";

    private static readonly Regex Laughing = new(@"(?<![A-Za-z])[wｗ]+\s*([。、!！?？)）]|$)|笑|草|\blol\b|😂|🤣", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
    // 「笑えない」「笑えんけど」 say the opposite of laughing.
    private static readonly Regex NotLaughing = new("(笑|わら)え(ない|ん|なく|ません|ね)", RegexOptions.CultureInvariant);

    // 「耳がきこえないです」「電話ができません」 state an access need, which the bot answers with the contacts that need no
    // voice call; the classifier alone reads their negative endings as distress. 「誰にも話せない」 is not one, and
    // neither is a message the classifier reads as an emergency (しゃべれない is also a sign of a stroke).
    private static bool IsAccessNeed(string text, string folded) =>
        Answers.AccessWords.CannotPhone(text) && !folded.Contains("誰にも", StringComparison.Ordinal) && !folded.Contains("だれにも", StringComparison.Ordinal);

    private static bool SaidLaughing(string text) => Laughing.IsMatch(text) && !NotLaughing.IsMatch(text);

    private static int LastMatchEnd(Regex regex, string text)
    {
        var end = 0;
        foreach (var m in regex.EnumerateMatches(text)) end = Math.Max(end, m.Index + m.Length);
        return end;
    }

    public RiskAssessment Assess(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return RiskAssessment.None;
        var folded = CrisisText.Fold(text);
        var lexicon = CrisisDetector.AssessFolded(folded);
        CrisisScore? read = null;
        if (lexicon.IsCrisis)
        {
            // A cue in a message about a film, a game, the news or an old scar (ドラマで主人公が殺される, 傷跡の治療)
            // counts when the classifier, which reads the whole message, also finds a crisis in it.
            // So does one said laughing (「もう死ぬー」って言いながら爆睡してます笑).
            if (folded.Length < _t.MinModelLength || !(CrisisDetector.IsStoryContext(folded) || SaidLaughing(text))
                || (read = classifier.Score(text, folded)).Value.Probability >= _t.CrisisInStory)
                return new RiskAssessment(RiskTier.Crisis, lexicon.Category, lexicon.Immediate, lexicon.AboutSomeoneElse, 1, lexicon.Cues);
            lexicon = lexicon with { Category = CrisisCategory.None, Cues = [], Suppressed = [.. lexicon.Suppressed, StoryTag] };
        }

        // A few characters are too little for the classifier to read (「特にないです」「まだ決めてない」 answer a
        // question); short crises are the lexicon's: 「死ぬ」「線路なう」「OD中」.
        if (folded.Length < _t.MinModelLength)
        {
            if (Concern.IsMatch(folded) && !CrisisDetector.IsRecoveryStory(folded))
                return new RiskAssessment(RiskTier.Concern, CrisisCategory.None, false, false, 0, ["lexicon.concern"]);
            // A short message the classifier is sure of (方法もう決めた, 踏切の中にいる) still counts; answers to the
            // bot's questions (特にないです, 山田です) never read that high. Below that, a short message earns no
            // check-in: 0.7 measured no gain on dev and batch 11 and one more false alarm.
            var brief = classifier.Score(text, folded);
            if (brief.Probability >= _t.ShortCrisis)
                return new RiskAssessment(RiskTier.Crisis, brief.Category, brief.Category is CrisisCategory.MedicalEmergency or CrisisCategory.Violence,
                    false, brief.Probability, ["model." + CrisisAssessment.NameOf(brief.Category)]);
            return RiskAssessment.None with { Score = brief.Probability };
        }
        var score = read ?? classifier.Score(text, folded);
        // A story told as the past with a "now" after it (入院してた頃は…、今は作業所に通っています): what counts is
        // what it says about now, so the classifier reads the part from the "now" on.
        if (CrisisDetector.ToldAsPast(folded, 0) && CrisisDetector.NowStart(folded) is var now and >= 0)
            score = classifier.Score(folded[now..], folded[now..]);
        // A hard time told in the past and over now (the lexicon's recovery test) is not read as distress today.
        if (CrisisDetector.IsRecoveryStory(folded) || lexicon.Suppressed.Contains(CrisisDetector.TurnedAroundTag))
            return RiskAssessment.None with { Score = score.Probability };
        // Neither is a question about supporting others (a training, a leaflet), which the classifier reads by its words.
        if (CrisisDetector.IsInformationRequest(folded) && score.Category is not (CrisisCategory.MedicalEmergency or CrisisCategory.Violence))
            return RiskAssessment.None with { Score = score.Probability };
        // A goodbye for a move or a new job reads like a farewell; it is neither a crisis nor a concern.
        if (score.Category == CrisisCategory.Farewell && CrisisDetector.IsLifeChange(folded)) return RiskAssessment.None with { Score = score.Probability };
        var suppressed = lexicon.Suppressed.Count > 0;
        if (score.Probability >= (suppressed ? _t.CrisisWhenSuppressed : _t.Crisis))
        {
            var immediate = score.Category is CrisisCategory.MedicalEmergency or CrisisCategory.Violence;
            return new RiskAssessment(RiskTier.Crisis, score.Category, immediate, CrisisDetector.IsAboutSomeoneElse(folded), score.Probability,
                ["model." + CrisisAssessment.NameOf(score.Category)]);
        }
        // Where the lexicon saw only a figure of speech or a compound, the classifier's weaker reading is not
        // enough for a check-in.
        if (score.Probability >= _t.Concern && !suppressed
            && !(IsAccessNeed(text, folded) && score.Category is not (CrisisCategory.MedicalEmergency or CrisisCategory.Violence)))
            return new RiskAssessment(RiskTier.Concern, CrisisCategory.None, false, false, score.Probability, ["model.concern"]);
        // Said laughing (限界ｗ, 辛くて死ぬw, 笑): a figure of speech, not distress to check in on.
        // Concern words alone, where the classifier reads nothing at all of distress (疲れた、早く寝たい; ちょっと寂しい
        // けど猫がいるから大丈夫), are everyday talk: the words must be backed by a faint reading.
        if (score.Probability >= _t.ConcernWords && LastMatchEnd(Concern, folded) is var end and > 0 && !CrisisDetector.ToldAsPast(folded, end) && !SaidLaughing(text))
            return new RiskAssessment(RiskTier.Concern, CrisisCategory.None, false, false, score.Probability, ["lexicon.concern"]);
        return RiskAssessment.None with { Score = score.Probability };
    }
}

/// <summary>Classifier probabilities at which a message becomes a crisis or a concern.</summary>
/// <param name="MinModelLength">Folded messages shorter than this are read by the lexicon alone.</param>
/// <param name="CrisisInStory">The classifier reading a lexicon cue in a story context (a film, an old scar) needs to count.</param>
/// <param name="ConcernWords">The classifier reading concern words need to earn a check-in on their own.</param>
/// <param name="ShortCrisis">The classifier reading a message shorter than <paramref name="MinModelLength"/> needs to be a crisis.</param>
public sealed record SafetyThresholds(double Crisis, double CrisisWhenSuppressed, double Concern, int MinModelLength = 8, double CrisisInStory = 0.3, double ConcernWords = 0.15,
    double ShortCrisis = 0.9)
{
    /// <summary>Chosen on corpus/crisis.dev.tsv (docs/safety.md).</summary>
    public static SafetyThresholds Default { get; } = new(Crisis: 0.7, CrisisWhenSuppressed: 0.85, Concern: 0.45);
}

/// <summary>
/// Words of distress that is not an explicit crisis: worn out, at the end of one's strength, alone, unable to
/// sleep, everything pointless. Over <see cref="CrisisText.Fold"/> text. They earn a check-in, not the crisis reply.
/// </summary>
internal static class ConcernCues
{
    public const string Pattern =
        "(疲|つか)れ(た|ちゃ|はて|果て|きっ|切っ)|(しんど|くるし|苦し|つら|辛)(い|く|すぎ|かった)|(限界|げんかい)(です|だ|や|で|かも|$|きて|きた|すぎ|超え|こえ)|(孤独|こどく)|(ひとり|一人|独り)(ぼっち|きり|で(寂|さみ|さび))"
        + "|(寂|さみ|さび)し(い|く|すぎ)|(眠|ねむ)れ(ない|なく|ません)|(不安|ふあん)で(たまら|仕方|しかた|どうし)|(絶望|ぜつぼう)|(何|なに)もかも(いや|嫌)"
        + "|(もう|何も|なにも)(無理|むり)|(生|い)きづら|(消|き)えそう|(泣|な)きたい|(誰|だれ)も(わかって|分かって)(くれ|もらえ)|(助|たす)けて"
        // Hopelessness without the words of death: shown the lines, not the full crisis reply.
        + "|もう(無理|むり|限界|げんかい|だめ|あかん|いや|嫌|疲れ|つかれ|しんど)|(希望|きぼう)(が|は|なんて|も)?.{0,6}(ない|残って|のこって)|(未来|みらい)(が|は|も|なんて)?(ない|見えな|みえな)"
        + "|(この先|このさき).{0,6}(ない|何も|なにも)|(人生|じんせい)(詰|つ)んだ|(人生|じんせい)おわた|(耐|た)えられ(ない|ん)|(頑張|がんば)れ(ない|ん)|(居場所|いばしょ)(が|も)?(ない|どこにも)"
        + "|(全部|ぜんぶ|何もかも|なにもかも|すべて)(が)?(終わり|おわり|おしまい|どうでも|いや|嫌)|どうでもよく|どうなっても(いい|よか|ええ)|(迷惑|めいわく)(を)?(かけ|掛け)(る|て)(だけ|ばかり)"
        + "|^さよう?なら$|^さよなら$|みんなごめん|(生|い)き(る|てる|てん)の(が)?(しんど|つら|辛|疲|つか)|(つかれた){2}|(不安|ふあん)が(止|と)まら|(眠|ねむ)れず|(一人|ひとり)でいるのが(怖|こわ)"
        + "|(先|さき)が(真っ暗|まっくら|見えな|みえな)|(頑張|がんば)っても.{0,4}(意味|いみ)(ない|が)|(連絡|れんらく)が(つかな|取れな|とれな|つきませ)|もう(おしまい|おわりだ|終わりだ)|(海|うみ|橋|はし|崖|がけ|屋上|おくじょう|線路|せんろ)(に|へ|まで)?(来|き)た$|(誰か|だれか|知らない人|しらないひと)(が)?(外|そと|家の前|いえのまえ|玄関|げんかん|どあ)(に)?(いる|おる)"
        + "|can'tgoon|cantgoon|nopointin|nofuture|noreasonto|i'mdone|imdone|can'tdothis|cantdothis|hopeless|givingup|helpme|can'ttakeit";
}
