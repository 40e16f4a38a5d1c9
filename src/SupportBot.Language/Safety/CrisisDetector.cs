using System.Text.RegularExpressions;

namespace SupportBot.Language.Safety;

/// <summary>What kind of crisis a message shows.</summary>
public enum CrisisCategory { None, SuicidalIdeation, Farewell, SelfHarm, Overdose, MedicalEmergency, Violence }

/// <summary>The detector's verdict, explainable by the rule ids in <see cref="Cues"/> (never by message text).</summary>
public sealed record CrisisAssessment(CrisisCategory Category, bool Immediate, bool AboutSomeoneElse, IReadOnlyList<string> Cues, IReadOnlyList<string> Suppressed)
{
    public bool IsCrisis => Category != CrisisCategory.None;

    /// <summary>The stable category name used in alerts and audit records (suicidal_ideation, …).</summary>
    public string CategoryName => NameOf(Category);

    /// <summary>The stable name of a category (suicidal_ideation, …; none).</summary>
    public static string NameOf(CrisisCategory category) => category switch
    {
        CrisisCategory.SuicidalIdeation => "suicidal_ideation",
        CrisisCategory.Farewell => "farewell",
        CrisisCategory.SelfHarm => "self_harm",
        CrisisCategory.Overdose => "overdose",
        CrisisCategory.MedicalEmergency => "medical_emergency",
        CrisisCategory.Violence => "violence",
        _ => "none",
    };
}

/// <summary>
/// Finds crisis cues in a message: a small, explainable model of a lexicon of patterns over folded
/// text (<see cref="CrisisText"/>), suppressors for hyperbole, compounds, information requests,
/// negation and recovery stories, and a few modifiers (someone else at risk, danger right now).
/// Deterministic, allocation-light, no I/O; the patterns run with the non-backtracking engine so no
/// input can make them slow. When unsure, it flags: showing the contacts is the safe side.
/// </summary>
public static class CrisisDetector
{
    private sealed record CompiledRule(CrisisLexicon.Rule Rule, Regex Regex);

    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.Compiled;

    private static readonly CompiledRule[] Rules = CrisisLexicon.Rules.Select(r => new CompiledRule(r, new Regex(r.Pattern, Options))).ToArray();
    private static readonly (string Id, Regex Regex)[] Suppressors = CrisisLexicon.Suppressors.Select(s => (s.Id, new Regex(s.Pattern, Options))).ToArray();
    // Which rules and suppressors could match a message, from the literals their patterns require: most messages
    // hold none, and a scan per pattern was most of the lexicon's cost.
    private static readonly LiteralPrefilter RuleFilter = new([.. CrisisLexicon.Rules.Select(r => r.Pattern)]);
    private static readonly LiteralPrefilter SuppressorFilter = new([.. CrisisLexicon.Suppressors.Select(s => s.Pattern)]);
    private static readonly Regex Past = new(CrisisLexicon.PastCue, Options);
    private static readonly Regex Recovery = new(CrisisLexicon.RecoveryCue, Options);
    private static readonly Regex Relapse = new(CrisisLexicon.RelapseCue, Options);
    private static readonly Regex LifeChange = new(CrisisLexicon.LifeChangeCue, Options);
    private static readonly Regex Information = new(CrisisLexicon.InformationCue, Options);
    private static readonly Regex StoryContext = new(CrisisLexicon.StoryContextCue, Options);
    private static readonly Regex NowCue = new(CrisisLexicon.NowCue, Options);
    private static readonly Regex BetterNow = new(CrisisLexicon.BetterNowCue, Options);
    /// <summary>The concern words (<see cref="ConcernCues"/>), compiled once for the detector and the safety model.</summary>
    internal static readonly Regex Distress = new(ConcernCues.Pattern, Options);
    private static readonly Regex FirstPerson = new(CrisisLexicon.FirstPersonCue, Options);
    private static readonly Regex ThirdParty = new(CrisisLexicon.ThirdParty, Options);
    private static readonly Regex Urgent = new(CrisisLexicon.Urgent, Options);

    // Which category wins when several fire: immediate physical danger first, then the most specific.
    private static readonly CrisisCategory[] Priority =
        [CrisisCategory.MedicalEmergency, CrisisCategory.Violence, CrisisCategory.Overdose, CrisisCategory.SelfHarm, CrisisCategory.SuicidalIdeation, CrisisCategory.Farewell];

    private static bool IsMasked(List<(int Start, int End)>? masked, int start, int end)
    {
        if (masked is null) return false;
        foreach (var (s, e) in masked)
            if (start < e && end > s) return true; // any overlap with a suppressed span
        return false;
    }

    /// <summary>Whether folded text (<see cref="CrisisText.Fold"/>) is about someone else (家族が…, 「…」と言って).</summary>
    public static bool IsAboutSomeoneElse(string folded) => ThirdParty.IsMatch(folded);

    /// <summary>Whether folded text speaks of a move, a new job or seeing each other again (a goodbye, not a farewell).</summary>
    public static bool IsLifeChange(string folded) => LifeChange.IsMatch(folded);

    /// <summary>Whether folded text tells of a hard time that is over (told in the past, better now, nothing back).</summary>
    public static bool IsRecoveryStory(string folded) => Recovery.IsMatch(folded) && Past.IsMatch(folded) && !Relapse.IsMatch(folded);

    /// <summary>What a lexicon assessment carries in <c>Suppressed</c> when the cues were told as the past (see <see cref="ToldAsPast"/>).</summary>
    public const string TurnedAroundTag = "recovery.turned";

    /// <summary>
    /// Whether everything up to <paramref name="cueEnd"/> is told as the past and a "now" (今は, 今では, now)
    /// follows it with how life is now (元気, 働いて, ピアとして …), and no sign of the danger or of distress
    /// (また, まだ, concern words) anywhere after it.
    /// </summary>
    /// <summary>Where the "now" of a story starts after <paramref name="from"/>, or -1.</summary>
    public static int NowStart(string folded, int from = 0) => NowCue.Match(folded, Math.Min(from, folded.Length)) is { Success: true } m ? m.Index : -1;

    public static bool ToldAsPast(string folded, int cueEnd)
    {
        var now = NowCue.Match(folded, Math.Min(cueEnd, folded.Length));
        if (!now.Success) return false;
        var after = folded.AsSpan(now.Index);
        return Past.IsMatch(folded.AsSpan(0, now.Index)) && BetterNow.IsMatch(after) && !Relapse.IsMatch(folded) && !Distress.IsMatch(after);
    }

    /// <summary>Whether folded text is about a film, a game, the news, an old scar or a training (<see cref="CrisisLexicon.StoryContextCue"/>).</summary>
    public static bool IsStoryContext(string folded) => StoryContext.IsMatch(folded);

    /// <summary>
    /// Whether folded text asks for information about supporting others (a training, a leaflet, how to speak
    /// with someone who says they want to die) and says nothing of the writer's own wish.
    /// </summary>
    public static bool IsInformationRequest(string folded) => Information.IsMatch(folded) && !FirstPerson.IsMatch(folded);

    public static CrisisAssessment Assess(string? text) =>
        string.IsNullOrWhiteSpace(text) ? NoneFound : AssessFolded(CrisisText.Fold(text));

    private static readonly CrisisAssessment NoneFound = new(CrisisCategory.None, false, false, [], []);

    /// <summary>The assessment of text already folded by <see cref="CrisisText.Fold"/>.</summary>
    public static CrisisAssessment AssessFolded(string folded)
    {
        if (folded.Length == 0) return NoneFound;

        List<(int Start, int End)>? masked = null;
        List<string>? suppressed = null;
        Span<bool> maySuppress = stackalloc bool[Suppressors.Length];
        SuppressorFilter.Candidates(folded, maySuppress);
        for (var s = 0; s < Suppressors.Length; s++)
        {
            if (!maySuppress[s]) continue;
            var (id, regex) = Suppressors[s];
            foreach (var m in regex.EnumerateMatches(folded))
            {
                (masked ??= []).Add((m.Index, m.Index + m.Length));
                (suppressed ??= []).Add(id);
            }
        }

        List<CompiledRule>? fired = null;
        var lastCueEnd = 0;
        Span<bool> mayFire = stackalloc bool[Rules.Length];
        RuleFilter.Candidates(folded, mayFire);
        for (var r = 0; r < Rules.Length; r++)
        {
            if (!mayFire[r]) continue;
            var rule = Rules[r];
            var counted = false;
            foreach (var m in rule.Regex.EnumerateMatches(folded))
            {
                if (IsMasked(masked, m.Index, m.Index + m.Length)) continue;
                if (!counted) (fired ??= []).Add(rule);
                counted = true;
                lastCueEnd = Math.Max(lastCueEnd, m.Index + m.Length);
            }
        }
        if (fired is null) return new CrisisAssessment(CrisisCategory.None, false, false, [], suppressed ?? []);

        // Told as the past, with a "now" after every cue and nothing of it after that: 「前は夜になると死にたく
        // なってたけど、今はぐっすり眠れています」. A cue after the "now" (今は死にたい) keeps the crisis.
        if (ToldAsPast(folded, lastCueEnd)
            && fired.All(r => r.Rule.Category is CrisisCategory.SuicidalIdeation or CrisisCategory.SelfHarm or CrisisCategory.Overdose or CrisisCategory.Violence))
            return new CrisisAssessment(CrisisCategory.None, false, false, [], [.. suppressed ?? [], TurnedAroundTag]);

        // A recovery story (told in the past, better now) is not a crisis today; without the
        // "better now" part a past mention still counts.
        if (IsRecoveryStory(folded)
            && fired.All(r => r.Rule.Category is CrisisCategory.SuicidalIdeation or CrisisCategory.SelfHarm or CrisisCategory.Overdose or CrisisCategory.MedicalEmergency))
            return new CrisisAssessment(CrisisCategory.None, false, false, [], [.. suppressed ?? [], "recovery.story"]);

        // A question about supporting others (a training on self-harm, a leaflet on overdoses) is not a crisis.
        if (IsInformationRequest(folded)
            && fired.All(r => r.Rule.Category is CrisisCategory.SuicidalIdeation or CrisisCategory.SelfHarm or CrisisCategory.Overdose))
            return new CrisisAssessment(CrisisCategory.None, false, false, [], [.. suppressed ?? [], "information.request"]);

        // Leaving a job, a home or a school is said with the same words as a farewell from life.
        if (fired.All(r => r.Rule.Category == CrisisCategory.Farewell) && LifeChange.IsMatch(folded))
            return new CrisisAssessment(CrisisCategory.None, false, false, [], [.. suppressed ?? [], "farewell.life_change"]);

        var category = Priority.First(p => fired.Any(r => r.Rule.Category == p));
        var immediate = fired.Any(r => r.Rule.Immediate)
            || (category is CrisisCategory.SuicidalIdeation or CrisisCategory.Overdose && Urgent.IsMatch(folded) && fired.Any(r => r.Rule.Id.StartsWith("ideation.method", StringComparison.Ordinal) || r.Rule.Category == CrisisCategory.Overdose));
        return new CrisisAssessment(category, immediate, ThirdParty.IsMatch(folded), fired.Select(r => r.Rule.Id).ToList(), suppressed ?? []);
    }
}
