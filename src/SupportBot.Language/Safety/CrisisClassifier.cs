using SupportBot.Language.Learning;

namespace SupportBot.Language.Safety;

/// <summary>A labelled message for the crisis classifier: a crisis category name (see <see cref="CrisisClassifier.Categories"/>) or "none".</summary>
public sealed record SafetyExample(string Text, string Label);

/// <summary>What the classifier reads in a message: how likely it is a crisis, and of which kind.</summary>
public readonly record struct CrisisScore(double Probability, CrisisCategory Category);

/// <summary>
/// A trained classifier over character n-grams (1–4) of <see cref="CrisisText.ForModel"/> text: multinomial
/// logistic regression with "none" and one label per crisis kind, so P(crisis) = 1 − P(none). It generalizes
/// past the lexicon's exact wordings (conjugations, paraphrases, styles the lexicon never listed), while the
/// lexicon keeps the explainable, certain cues. Long messages are also read sentence by sentence and the
/// highest reading counts, so a crisis in the third sentence is not diluted by the first two.
/// Immutable after <see cref="Train"/>: one classifier serves every thread.
/// </summary>
public sealed class CrisisClassifier
{
    public const string NoneLabel = "none";

    /// <summary>Corpus category names → the category the reply is chosen by.</summary>
    public static readonly IReadOnlyDictionary<string, CrisisCategory> Categories = new Dictionary<string, CrisisCategory>(StringComparer.Ordinal)
    {
        ["ideation"] = CrisisCategory.SuicidalIdeation, ["hopelessness"] = CrisisCategory.SuicidalIdeation,
        ["passive"] = CrisisCategory.SuicidalIdeation, ["clinical"] = CrisisCategory.SuicidalIdeation,
        ["plan_method"] = CrisisCategory.SuicidalIdeation, ["dangerous_place"] = CrisisCategory.SuicidalIdeation,
        ["suicidal_ideation"] = CrisisCategory.SuicidalIdeation, ["self_harm"] = CrisisCategory.SelfHarm,
        ["overdose"] = CrisisCategory.Overdose, ["farewell"] = CrisisCategory.Farewell,
        ["medical"] = CrisisCategory.MedicalEmergency, ["medical_emergency"] = CrisisCategory.MedicalEmergency,
        ["violence"] = CrisisCategory.Violence,
    };

    private const char Edge = '\u0001';
    private static readonly CrisisCategory[] Labels =
        [CrisisCategory.None, CrisisCategory.SuicidalIdeation, CrisisCategory.SelfHarm, CrisisCategory.Overdose, CrisisCategory.Farewell, CrisisCategory.MedicalEmergency, CrisisCategory.Violence];

    // Scoring looks grams up by span: no string per gram on the per-message path.
    // The vocabulary keyed by packed characters when every gram has at most four (the default), else by span.
    // The packed table holds no strings: a third of the memory of the dictionary, which is then let go.
    private readonly GramTable? _table;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _byspan;
    private readonly SoftmaxRegression _model;
    private readonly CrisisClassifierOptions _options;

    private CrisisClassifier(Dictionary<string, int> vocabulary, SoftmaxRegression model, CrisisClassifierOptions options)
    {
        _table = options.MaxGram <= GramTable.MaxLength ? new GramTable(vocabulary) : null;
        _byspan = (_table is null ? vocabulary : []).GetAlternateLookup<ReadOnlySpan<char>>();
        _model = model;
        _options = options;
    }

    public static CrisisClassifier Train(IEnumerable<SafetyExample> examples, CrisisClassifierOptions? options = null)
    {
        var o = options ?? CrisisClassifierOptions.Default;
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        var lookup = vocabulary.GetAlternateLookup<ReadOnlySpan<char>>();
        var vectors = new List<(int, double)[]>();
        var labels = new List<int>();
        // Counts by feature id, in the order grams first appear; one dictionary for every example, and a string
        // only for a gram the vocabulary has not seen: training allocated half a gigabyte with a string per gram.
        var counts = new Dictionary<int, double>();
        foreach (var example in examples)
        {
            var category = example.Label == NoneLabel ? CrisisCategory.None
                : Categories.TryGetValue(example.Label, out var c) ? c
                : throw new ArgumentException($"Unknown crisis label '{example.Label}'.", nameof(examples));
            counts.Clear();
            var folded = CrisisText.ForModel(example.Text);
            if (folded.Length > 0)
            {
                var padded = Edge + folded + Edge;
                for (var n = o.MinGram; n <= o.MaxGram; n++)
                    for (var i = 0; i + n <= padded.Length; i++)
                    {
                        if (n == 1 && (padded[i] == Edge || (!o.KanaUnigrams && padded[i] is >= '\u3041' and <= '\u309F'))) continue;
                        var gram = padded.AsSpan(i, n);
                        if (!lookup.TryGetValue(gram, out var id)) lookup[gram] = id = vocabulary.Count;
                        counts[id] = counts.GetValueOrDefault(id) + 1;
                    }
            }
            if (counts.Count == 0) continue;
            vectors.Add(Vector(counts));
            labels.Add(Array.IndexOf(Labels, category));
        }
        if (vectors.Count == 0 || !labels.Contains(0)) throw new ArgumentException("The crisis classifier needs examples of 'none' and of crises.", nameof(examples));
        var weights = Labels.Select(l => l == CrisisCategory.None ? 1.0 : o.CrisisWeight).ToArray();
        var model = SoftmaxRegression.Train([.. vectors], labels, vocabulary.Count, Labels.Length, o.Epochs, o.LearningRate, o.Regularization, weights);
        return new CrisisClassifier(vocabulary, model, o);
    }

    /// <summary>The highest crisis reading of the whole message and of each of its sentences.</summary>
    public CrisisScore Score(string text) => Score(text, CrisisText.Fold(text));

    /// <param name="folded">The message already folded by <see cref="CrisisText.Fold"/> (the lexicon's form).</param>
    public CrisisScore Score(string text, string folded)
    {
        var best = ScoreFolded(CrisisText.ForFolded(folded));
        var sentences = Sentences(text);
        if (sentences.Count > 1)
            foreach (var sentence in sentences)
            {
                var s = ScoreFolded(CrisisText.ForModel(sentence));
                if (s.Probability > best.Probability) best = s;
            }
        return best;
    }

    private CrisisScore ScoreFolded(string folded)
    {
        if (folded.Length == 0) return new CrisisScore(0, CrisisCategory.None);
        // The padded text, the grams' ids and the unknown grams' hashes live in stack or pooled buffers: scoring
        // runs on every message, and a dictionary per message was most of what it allocated.
        var length = folded.Length + 2;
        var grams = (_options.MaxGram - _options.MinGram + 1) * length;
        char[]? rentedText = null;
        int[]? rentedIds = null;
        ulong[]? rentedHashes = null;
        double[]? rentedValues = null;
        var padded = length <= 256 ? stackalloc char[length] : (rentedText = System.Buffers.ArrayPool<char>.Shared.Rent(length)).AsSpan(0, length);
        var ids = grams <= 512 ? stackalloc int[grams] : (rentedIds = System.Buffers.ArrayPool<int>.Shared.Rent(grams)).AsSpan(0, grams);
        var hashes = grams <= 256 ? stackalloc ulong[grams] : (rentedHashes = System.Buffers.ArrayPool<ulong>.Shared.Rent(grams)).AsSpan(0, grams);
        try
        {
            padded[0] = Edge;
            folded.AsSpan().CopyTo(padded[1..]);
            padded[^1] = Edge;
            int known = 0, unknown = 0;
            for (var n = _options.MinGram; n <= _options.MaxGram; n++)
                for (var i = 0; i + n <= padded.Length; i++)
                {
                    if (n == 1 && (padded[i] == Edge || (!_options.KanaUnigrams && padded[i] is >= '\u3041' and <= '\u309F'))) continue;
                    var gram = padded.Slice(i, n);
                    if (_table is not null)
                    {
                        // An unknown gram is told apart from the others by its packed characters and length.
                        var key = GramTable.Pack(gram);
                        var found = _table.Find(key, n);
                        if (found >= 0) ids[known++] = found;
                        else hashes[unknown++] = key * 0x9E3779B97F4A7C15UL + (ulong)n;
                    }
                    else if (_byspan.TryGetValue(gram, out var id)) ids[known++] = id;
                    else hashes[unknown++] = (ulong)string.GetHashCode(gram, StringComparison.Ordinal);
                }
            if (known == 0) return new CrisisScore(0, CrisisCategory.None);

            // Sublinear counts (1 + log count) as a unit vector; unknown grams only count towards the norm.
            var sum = 0.0;
            var unknownHashes = hashes[..unknown];
            unknownHashes.Sort();
            for (var i = 0; i < unknownHashes.Length;)
            {
                var j = i + 1;
                while (j < unknownHashes.Length && unknownHashes[j] == unknownHashes[i]) j++;
                var w = (1 + Math.Log(j - i)) * _options.UnknownWeight;
                sum += w * w;
                i = j;
            }
            var knownIds = ids[..known];
            knownIds.Sort();
            var values = known <= 256 ? stackalloc double[known] : (rentedValues = System.Buffers.ArrayPool<double>.Shared.Rent(known)).AsSpan(0, known);
            var distinct = 0;
            for (var i = 0; i < knownIds.Length;)
            {
                var j = i + 1;
                while (j < knownIds.Length && knownIds[j] == knownIds[i]) j++;
                var w = 1 + Math.Log(j - i);
                knownIds[distinct] = knownIds[i];
                values[distinct++] = w;
                sum += w * w;
                i = j;
            }
            Span<double> p = stackalloc double[Labels.Length];
            _model.Probabilities(knownIds[..distinct], values[..distinct], 1 / Math.Sqrt(sum), p);
            var top = 1;
            for (var l = 2; l < p.Length; l++) if (p[l] > p[top]) top = l;
            return new CrisisScore(1 - p[0], Labels[top]);
        }
        finally
        {
            if (rentedText is not null) System.Buffers.ArrayPool<char>.Shared.Return(rentedText);
            if (rentedIds is not null) System.Buffers.ArrayPool<int>.Shared.Return(rentedIds);
            if (rentedHashes is not null) System.Buffers.ArrayPool<ulong>.Shared.Return(rentedHashes);
            if (rentedValues is not null) System.Buffers.ArrayPool<double>.Shared.Return(rentedValues);
        }
    }

    /// <summary>Sentences of the raw message (split at 。！？!?. and line breaks), short pieces joined to the next.</summary>
    private static List<string> Sentences(string text)
    {
        var parts = new List<string>();
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] is not ('。' or '！' or '？' or '!' or '?' or '\n' or '.')) continue;
            if (i - start >= 4 || i == text.Length)
            {
                var piece = text[start..Math.Min(i + 1, text.Length)].Trim();
                if (piece.Length > 0) parts.Add(piece);
                start = i + 1;
            }
        }
        return parts;
    }

    /// <summary>Sublinear counts (1 + log count) as a unit vector, in the order the grams first appeared.</summary>
    private static (int, double)[] Vector(Dictionary<int, double> counts)
    {
        var vector = new (int, double)[counts.Count];
        var sum = 0.0;
        var k = 0;
        foreach (var (id, count) in counts)
        {
            var w = 1 + Math.Log(count);
            vector[k++] = (id, w);
            sum += w * w;
        }
        var norm = Math.Sqrt(sum);
        for (var i = 0; i < vector.Length; i++) vector[i] = (vector[i].Item1, vector[i].Item2 / norm);
        return vector;
    }
}

/// <summary>How <see cref="CrisisClassifier"/> reads and learns. The defaults are the ones chosen on the dev split.</summary>
public sealed record CrisisClassifierOptions
{
    public int MinGram { get; init; } = 1;
    public int MaxGram { get; init; } = 4;
    /// <summary>Single hiragana are mostly particles and endings; single kanji carry meaning (死, 薬).</summary>
    public bool KanaUnigrams { get; init; }
    /// <summary>Weight of a gram never seen in training in the norm of a message's vector.</summary>
    public double UnknownWeight { get; init; } = 1.0;
    /// <summary>How much more a missed crisis example costs in training than a false alarm.</summary>
    public double CrisisWeight { get; init; } = 3.0;
    public int Epochs { get; init; } = 30;
    public double LearningRate { get; init; } = 0.5;
    public double Regularization { get; init; } = 1e-5;

    public static CrisisClassifierOptions Default { get; } = new();
}
