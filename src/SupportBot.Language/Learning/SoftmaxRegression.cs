namespace SupportBot.Language.Learning;

/// <summary>
/// Multinomial logistic regression over sparse unit vectors, trained by stochastic gradient descent. Shared by
/// the intent model and the crisis classifier. The visiting order is a fixed permutation (a stride coprime with
/// the count), so training is deterministic: the same examples always give the same model.
/// </summary>
internal sealed class SoftmaxRegression
{
    private readonly float[] _weights; // feature × label
    private readonly float[] _bias;

    private SoftmaxRegression(float[] weights, float[] bias, int labelCount)
    {
        _weights = weights;
        _bias = bias;
        LabelCount = labelCount;
    }

    public int LabelCount { get; }

    /// <param name="vectors">Each example as (feature id, weight) pairs.</param>
    /// <param name="labelOf">Each example's label index.</param>
    /// <param name="classWeight">Optional weight per label: a rarer or costlier label counts more in the loss.</param>
    public static SoftmaxRegression Train((int Id, double Weight)[][] vectors, IReadOnlyList<int> labelOf, int features, int labelCount,
        int epochs, double learningRate, double regularization, double[]? classWeight = null)
    {
        var weights = new float[features * labelCount];
        var bias = new float[labelCount];
        var n = vectors.Length;
        var stride = 1;
        foreach (var candidate in new[] { 7919, 104729, 15485863 })
            if (n > 1 && Gcd(candidate % n, n) == 1 && candidate % n != 0) { stride = candidate % n; break; }
        var logits = new double[labelCount];
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            var rate = learningRate / (1.0 + epoch * 0.1);
            for (var k = 0; k < n; k++)
            {
                var e = (int)((long)k * stride % n);
                var x = vectors[e];
                Logits(x, weights, bias, labelCount, logits);
                Softmax(logits);
                var scale = classWeight?[labelOf[e]] ?? 1.0;
                for (var l = 0; l < labelCount; l++)
                {
                    var gradient = (logits[l] - (labelOf[e] == l ? 1.0 : 0.0)) * scale;
                    if (Math.Abs(gradient) < 1e-3) continue; // settled: most labels, after a few passes
                    bias[l] -= (float)(rate * gradient);
                    foreach (var (id, w) in x)
                    {
                        ref var weight = ref weights[id * labelCount + l];
                        weight -= (float)(rate * (gradient * w + regularization * weight));
                    }
                }
            }
        }
        return new SoftmaxRegression(weights, bias, labelCount);
    }

    /// <summary>The probability of each label (0 everywhere for a vector with no known feature).</summary>
    public double[] Probabilities((int Id, double Weight)[] x)
    {
        var p = new double[LabelCount];
        if (x.Length == 0) return p;
        Logits(x, _weights, _bias, LabelCount, p);
        Softmax(p);
        return p;
    }

    /// <summary>
    /// The probabilities of a vector given as sorted-free parallel spans of feature ids and weights, every weight
    /// multiplied by <paramref name="scale"/> (the vector's norm, applied once instead of per feature).
    /// Writes <see cref="LabelCount"/> values into <paramref name="into"/>; allocates nothing.
    /// </summary>
    public void Probabilities(ReadOnlySpan<int> ids, ReadOnlySpan<double> values, double scale, Span<double> into)
    {
        var labels = LabelCount;
        into = into[..labels];
        into.Clear();
        for (var k = 0; k < ids.Length; k++)
        {
            var row = ids[k] * labels;
            var w = values[k];
            for (var l = 0; l < labels; l++) into[l] += w * _weights[row + l];
        }
        var max = double.NegativeInfinity;
        for (var l = 0; l < labels; l++) { into[l] = into[l] * scale + _bias[l]; if (into[l] > max) max = into[l]; }
        var sum = 0.0;
        for (var l = 0; l < labels; l++) sum += into[l] = Math.Exp(into[l] - max);
        for (var l = 0; l < labels; l++) into[l] /= sum;
    }

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);

    private static void Logits((int Id, double Weight)[] x, float[] weights, float[] bias, int labelCount, double[] logits)
    {
        for (var l = 0; l < labelCount; l++) logits[l] = bias[l];
        foreach (var (id, w) in x)
        {
            var row = id * labelCount;
            for (var l = 0; l < labelCount; l++) logits[l] += w * weights[row + l];
        }
    }

    private static void Softmax(double[] values)
    {
        var max = values.Max();
        var sum = 0.0;
        for (var i = 0; i < values.Length; i++) sum += values[i] = Math.Exp(values[i] - max);
        for (var i = 0; i < values.Length; i++) values[i] /= sum;
    }
}
