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
    private readonly Dictionary<string, int> _vocabulary;
    private readonly float[] _idf;
    private readonly float _unknownIdf;
    private readonly (int Example, float Weight)[][] _examplePostings;
    private readonly (int Label, float Weight)[][] _centroidPostings;
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
        _vocabulary = vocabulary;
        _idf = idf;
        _unknownIdf = unknownIdf;
        _examplePostings = examplePostings;
        _centroidPostings = centroidPostings;
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
        var query = clauses.Count == 0 ? [] : Weigh(Count(clauses, ClauseWeights(clauses), _options), _vocabulary, _idf, _unknownIdf);
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
            var counts = new Dictionary<string, double>(StringComparer.Ordinal);
            Grams.Count(clauses[i].Text, 1.0, _options.MaxGram, counts);
            var scores = Similarities(Weigh(counts, _vocabulary, _idf, _unknownIdf));
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
                foreach (var (e, ew) in _examplePostings[id]) exampleDots[e] += w * ew;
                foreach (var (l, cw) in _centroidPostings[id]) centroidDots[l] += w * cw;
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
        var vector = new List<(int, double)>(counts.Count);
        var sum = 0.0;
        foreach (var (gram, count) in counts)
        {
            if (count <= 0) continue;
            var tf = count >= 1 ? 1.0 + Math.Log(count) : count;
            if (vocabulary.TryGetValue(gram, out var id))
            {
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
