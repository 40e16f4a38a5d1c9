using SupportBot.Language.Learning;
using SupportBot.Language.Normalization;

namespace SupportBot.Language.Intents;

/// <summary>
/// Recognizes what a message asks for, learned from example sentences per intent (locales/*/intents.yaml,
/// read by the caller). Each message is folded (<see cref="TextNormalizer"/>), split into clauses, turned
/// into TF-IDF weighted character n-grams, and scored twice: by cosine with the nearest examples and the
/// intent's centroid (is it like anything the examples say?) and by a logistic-regression classifier trained
/// on the same vectors (which of the near intents is it?); the score is their blend. Examples under the
/// reserved name <see cref="None"/> describe messages that are no intent at all; they are never returned, but
/// an intent that matches worse than they do is scored down. docs/understanding.md (Intents) has the figures.
/// Immutable after <see cref="Train"/>: one model can serve every thread.
/// </summary>
public sealed class IntentModel
{
    /// <summary>Reserved intent name for out-of-scope examples (「今日の天気は？」).</summary>
    public const string None = "none";

    private readonly IntentModelOptions _options;
    private readonly string[] _labels;           // every intent, None included if it has examples
    private readonly int _noneLabel;              // index of None in _labels, or -1
    private readonly int[] _exampleLabel;
    // Reading a message looks its grams up by packed characters (see FeatureCounts), not by string.
    private readonly GramTable _table;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _byspan;
    private readonly float[] _idf;
    private readonly float _unknownIdf;
    private readonly Postings _examplePostings;
    private readonly Postings _centroidPostings;
    private readonly string[] _intents;
    private readonly SoftmaxRegression _classifier;

    private IntentModel(IntentModelOptions options, string[] labels, int[] exampleLabel, Dictionary<string, int> vocabulary,
        float[] idf, float unknownIdf, (int, float)[][] examplePostings, (int, float)[][] centroidPostings, SoftmaxRegression classifier)
    {
        _classifier = classifier;
        _options = options;
        _labels = labels;
        _noneLabel = Array.IndexOf(labels, None);
        _exampleLabel = exampleLabel;
        _table = new GramTable(vocabulary);
        _byspan = vocabulary.GetAlternateLookup<ReadOnlySpan<char>>();
        _idf = idf;
        _unknownIdf = unknownIdf;
        _examplePostings = new Postings(examplePostings);
        _centroidPostings = new Postings(centroidPostings);
        _intents = labels.Where(l => l != None).ToArray();
    }

    /// <summary>The intents this model can return, in the order they were first seen.</summary>
    public IReadOnlyList<string> Intents => _intents;

    public static IntentModel Train(IEnumerable<IntentExample> examples, IntentModelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(examples);
        options ??= IntentModelOptions.Default;

        var labels = new List<string>();
        var labelIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var exampleLabel = new List<int>();
        var exampleCounts = new List<Dictionary<string, double>>();
        foreach (var example in examples)
        {
            if (string.IsNullOrWhiteSpace(example.Intent) || string.IsNullOrWhiteSpace(example.Text)) continue;
            var clauses = Clauses.Split(Fold(example.Text, options));
            var counts = Count(clauses, DismissalWeights(clauses, options), options);
            if (counts.Count == 0) continue;
            if (!labelIndex.TryGetValue(example.Intent, out var label))
            {
                label = labels.Count;
                labelIndex[example.Intent] = label;
                labels.Add(example.Intent);
            }
            exampleLabel.Add(label);
            exampleCounts.Add(counts);
        }
        if (labels.Count == 0) throw new ArgumentException("No usable examples.", nameof(examples));

        // Document frequency over examples: a gram every intent's examples share (です, したい) weighs little.
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        var df = new List<int>();
        foreach (var counts in exampleCounts)
        {
            foreach (var gram in counts.Keys)
            {
                if (!vocabulary.TryGetValue(gram, out var id))
                {
                    id = vocabulary.Count;
                    vocabulary[gram] = id;
                    df.Add(0);
                }
                df[id]++;
            }
        }
        // Intent frequency too: a gram found under many intents (教えて, ですか) tells them apart poorly,
        // however rare it is among examples.
        var labelSets = new HashSet<int>[vocabulary.Count];
        for (var e = 0; e < exampleCounts.Count; e++)
            foreach (var gram in exampleCounts[e].Keys)
                (labelSets[vocabulary[gram]] ??= []).Add(exampleLabel[e]);
        var n = exampleCounts.Count;
        var idf = new float[df.Count];
        for (var i = 0; i < idf.Length; i++)
            idf[i] = (float)((Math.Log((n + 1.0) / (df[i] + 1.0)) + 1.0) * (Math.Log((labels.Count + 1.0) / (labelSets[i].Count + 1.0)) + 1.0));
        var unknownIdf = (float)((Math.Log(n + 1.0) + 1.0) * (Math.Log(labels.Count + 1.0) + 1.0) * options.UnknownGramWeight);

        var examplePostings = new List<(int, float)>[vocabulary.Count];
        var unitVectors = new (int Id, double Weight)[exampleCounts.Count][];
        var centroids = new Dictionary<int, double>[labels.Count];
        for (var l = 0; l < labels.Count; l++) centroids[l] = [];
        for (var e = 0; e < exampleCounts.Count; e++)
        {
            unitVectors[e] = Weigh(exampleCounts[e], vocabulary, idf, unknownIdf);
            foreach (var (id, w) in unitVectors[e])
            {
                (examplePostings[id] ??= []).Add((e, (float)w));
                var centroid = centroids[exampleLabel[e]];
                centroid[id] = centroid.GetValueOrDefault(id) + w;
            }
        }
        var centroidPostings = new List<(int, float)>[vocabulary.Count];
        for (var l = 0; l < labels.Count; l++)
        {
            var norm = Math.Sqrt(centroids[l].Values.Sum(v => v * v));
            foreach (var (id, w) in centroids[l])
                (centroidPostings[id] ??= []).Add((l, (float)(w / norm)));
        }

        var classifier = SoftmaxRegression.Train(unitVectors, exampleLabel, vocabulary.Count, labels.Count,
            options.Epochs, options.LearningRate, options.Regularization);
        return new IntentModel(options, labels.ToArray(), exampleLabel.ToArray(), vocabulary, idf, unknownIdf,
            examplePostings.Select(p => p?.ToArray() ?? []).ToArray(),
            centroidPostings.Select(p => p?.ToArray() ?? []).ToArray(), classifier);
    }

    /// <summary>Every intent with its score in [0, 1], best first (ties by name). Empty or wordless text scores 0.</summary>
    public IReadOnlyList<IntentScore> Recognize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var clauses = Clauses.Split(Fold(text, _options));
        var query = clauses.Count == 0 ? [] : Weigh(Read(clauses, ClauseWeights(clauses)));
        var raw = Similarities(query);
        var probability = _classifier.Probabilities(query);

        var none = _noneLabel >= 0 ? raw[_noneLabel] : 0;
        var result = new List<IntentScore>(_intents.Length);
        for (var l = 0; l < _labels.Length; l++)
        {
            if (l == _noneLabel) continue;
            var s = raw[l];
            // Matching out-of-scope examples better than this intent's own is evidence against it.
            if (none > s && none > 0) s *= s / none;
            s = (1 - _options.ClassifierWeight) * s + _options.ClassifierWeight * probability[l];
            result.Add(new IntentScore(_labels[l], Math.Clamp(s, 0, 1)));
        }
        result.Sort((a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : string.CompareOrdinal(a.Name, b.Name));
        return result;
    }

    private static Dictionary<string, double> Count(List<Clause> clauses, double[] weights, IntentModelOptions options)
    {
        var counts = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < clauses.Count; i++)
            Grams.Count(clauses[i].Text, weights[i], options.MaxGram, counts);
        return counts;
    }

    /// <summary>The message's grams counted by feature: what <see cref="Count"/> gives, keyed without a string per gram.</summary>
    private Dictionary<long, double> Read(List<Clause> clauses, double[] weights)
    {
        var counts = new FeatureCounts(this);
        for (var i = 0; i < clauses.Count; i++)
            Grams.Count(clauses[i].Text, weights[i], _options.MaxGram, ref counts);
        return counts.Counts;
    }

    /// <summary>
    /// Gram counts keyed by feature id (≥ 0) for known grams and by a negative key unique to the gram for unknown
    /// ones (they still count towards the norm). Insertion order is the order grams first appear, as with strings.
    /// </summary>
    private struct FeatureCounts(IntentModel model) : Grams.ISink
    {
        public readonly Dictionary<long, double> Counts = [];
        private Dictionary<string, long>? _longUnknown;

        public void Add(ReadOnlySpan<char> gram, double weight)
        {
            long key;
            if (gram.Length < GramTable.MaxLength)
            {
                var packed = GramTable.Pack(gram);
                var id = model._table.Find(packed, gram.Length);
                key = id >= 0 ? id : -1 - (long)(packed | ((ulong)gram.Length << 48));
            }
            else if (model._byspan.TryGetValue(gram, out var id)) key = id;
            else
            {
                _longUnknown ??= new Dictionary<string, long>(StringComparer.Ordinal);
                var text = gram.ToString();
                if (!_longUnknown.TryGetValue(text, out key)) _longUnknown[text] = key = long.MinValue + _longUnknown.Count;
            }
            Counts[key] = Counts.GetValueOrDefault(key) + weight;
        }
    }

    /// <summary>A dismissed clause weighs less when another clause says what the user wants.</summary>
    private static double[] DismissalWeights(List<Clause> clauses, IntentModelOptions options)
    {
        var weights = new double[clauses.Count];
        var anyKept = clauses.Exists(c => !c.Dismissed);
        for (var i = 0; i < clauses.Count; i++)
            weights[i] = clauses[i].Dismissed && anyKept ? options.DismissedWeight : 1.0;
        return weights;
    }

    /// <summary>Dismissed clauses and small talk next to a request weigh less; a message that is all one kind weighs evenly.</summary>
    private double[] ClauseWeights(List<Clause> clauses)
    {
        var weights = DismissalWeights(clauses, _options);
        if (clauses.Count < 2 || _options.LightIntents.Count == 0) return weights;

        var light = new bool[clauses.Count];
        var anyRequest = false;
        for (var i = 0; i < clauses.Count; i++)
        {
            if (weights[i] < 1.0) continue;
            var counts = new FeatureCounts(this);
            Grams.Count(clauses[i].Text, 1.0, _options.MaxGram, ref counts);
            var scores = Similarities(Weigh(counts.Counts));
            var best = 0;
            for (var l = 1; l < scores.Length; l++) if (scores[l] > scores[best]) best = l;
            if (scores[best] <= 0) continue;
            if (_options.LightIntents.Contains(_labels[best])) light[i] = true;
            else if (best != _noneLabel) anyRequest = true;
        }
        if (anyRequest)
            for (var i = 0; i < clauses.Count; i++)
                if (light[i]) weights[i] *= _options.LightWeight;
        return weights;
    }

    /// <summary>Similarity per label: nearest example, second nearest and centroid cosines, blended.</summary>
    private double[] Similarities((int Id, double Weight)[] query)
    {
        var scores = new double[_labels.Length];
        if (query.Length == 0) return scores;

        // One dot product per training example (thousands): rented, not allocated, on every message.
        var exampleDots = System.Buffers.ArrayPool<double>.Shared.Rent(_exampleLabel.Length);
        Span<double> centroidDots = stackalloc double[_labels.Length];
        Span<double> first = stackalloc double[_labels.Length];
        Span<double> second = stackalloc double[_labels.Length];
        try
        {
            Array.Clear(exampleDots, 0, _exampleLabel.Length);
            foreach (var (id, w) in query)
            {
                _examplePostings.AddTo(id, w, exampleDots);
                _centroidPostings.AddTo(id, w, centroidDots);
            }
            for (var e = 0; e < _exampleLabel.Length; e++)
            {
                var l = _exampleLabel[e];
                var d = exampleDots[e];
                if (d > first[l]) { second[l] = first[l]; first[l] = d; }
                else if (d > second[l]) second[l] = d;
            }
        }
        finally { System.Buffers.ArrayPool<double>.Shared.Return(exampleDots); }
        for (var l = 0; l < scores.Length; l++)
            scores[l] = _options.NearestWeight * first[l] + _options.SecondWeight * second[l] + _options.CentroidWeight * centroidDots[l];
        return scores;
    }

    /// <summary>Sublinear TF times IDF of the known grams, divided by the norm of all grams: unknown grams count
    /// towards the norm, so words the model never saw dilute the match. Empty when there is nothing to weigh.</summary>
    private static (int Id, double Weight)[] Weigh(Dictionary<string, double> counts, Dictionary<string, int> vocabulary,
        float[] idf, float unknownIdf)
    {
        var byId = new Dictionary<long, double>(counts.Count);
        var next = -1L;
        foreach (var (gram, count) in counts)
            byId[vocabulary.TryGetValue(gram, out var id) ? id : next--] = count;
        return Weigh(byId, idf, unknownIdf);
    }

    private (int Id, double Weight)[] Weigh(Dictionary<long, double> counts) => Weigh(counts, _idf, _unknownIdf);

    /// <param name="counts">Counts by feature id; negative keys are grams the vocabulary lacks.</param>
    private static (int Id, double Weight)[] Weigh(Dictionary<long, double> counts, float[] idf, float unknownIdf)
    {
        var vector = new List<(int, double)>(counts.Count);
        var sum = 0.0;
        foreach (var (key, count) in counts)
        {
            if (count <= 0) continue;
            var tf = count >= 1 ? 1.0 + Math.Log(count) : count;
            if (key >= 0)
            {
                var id = (int)key;
                var w = tf * idf[id];
                vector.Add((id, w));
                sum += w * w;
            }
            else
            {
                var w = tf * unknownIdf;
                sum += w * w;
            }
        }
        if (sum <= 0) return [];
        var norm = Math.Sqrt(sum);
        var unit = new (int, double)[vector.Count];
        for (var i = 0; i < unit.Length; i++) unit[i] = (vector[i].Item1, vector[i].Item2 / norm);
        return unit;
    }

    private static string Fold(string text, IntentModelOptions options)
    {
        var folded = TextNormalizer.Fold(text, NormalizationOptions.ForMatching);
        return Readings.Intents.Apply(options.ReadRomaji ? Romaji.Convert(folded) : folded);
    }
}

/// <summary>
/// Every gram's postings (which examples or intents hold it, with what weight) in two flat arrays indexed by
/// offsets: the nearest-example search walks thousands of postings per message, and one contiguous run per gram
/// reads far faster than an array of tuples per gram.
/// </summary>
internal sealed class Postings
{
    private readonly int[] _start;   // gram → first posting; _start[gram + 1] ends it
    private readonly int[] _target;
    private readonly float[] _weight;

    public Postings((int Target, float Weight)[][] perGram)
    {
        _start = new int[perGram.Length + 1];
        for (var g = 0; g < perGram.Length; g++) _start[g + 1] = _start[g] + perGram[g].Length;
        _target = new int[_start[^1]];
        _weight = new float[_start[^1]];
        for (var g = 0; g < perGram.Length; g++)
            for (var k = 0; k < perGram[g].Length; k++)
                (_target[_start[g] + k], _weight[_start[g] + k]) = perGram[g][k];
    }

    /// <summary>Adds <paramref name="w"/> × each posting's weight of <paramref name="gram"/> to its target's sum.</summary>
    public void AddTo(int gram, double w, Span<double> sums)
    {
        var from = _start[gram];
        var count = _start[gram + 1] - from;
        var targets = _target.AsSpan(from, count);
        var weights = _weight.AsSpan(from, count);
        for (var k = 0; k < targets.Length; k++) sums[targets[k]] += w * weights[k];
    }
}
