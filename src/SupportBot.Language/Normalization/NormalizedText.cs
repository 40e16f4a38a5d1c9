namespace SupportBot.Language.Normalization;

/// <summary>
/// A normalized string that remembers, for each of its characters, which span of the original it came from,
/// so a match found in <see cref="Text"/> can be reported in the user's own text.
/// </summary>
public sealed class NormalizedText
{
    private readonly int[] _originStart;
    private readonly int[] _originEnd;

    internal NormalizedText(string original, string text, int[] originStart, int[] originEnd)
    {
        Original = original;
        Text = text;
        _originStart = originStart;
        _originEnd = originEnd;
    }

    public string Original { get; }

    public string Text { get; }

    public override string ToString() => Text;

    /// <summary>Maps a span [start, start+length) of <see cref="Text"/> to (start, length) in <see cref="Original"/>.</summary>
    public (int Start, int Length) ToOriginal(int start, int length)
    {
        if (start < 0 || length < 0 || start + length > Text.Length)
            throw new ArgumentOutOfRangeException(nameof(start));
        if (Text.Length == 0)
            return (0, 0);
        if (length == 0)
        {
            var at = start < Text.Length ? _originStart[start] : Original.Length;
            return (at, 0);
        }
        var s = _originStart[start];
        var e = _originEnd[start + length - 1];
        return (s, e - s);
    }

    /// <summary>The original character index the normalized character at <paramref name="index"/> came from.</summary>
    public int OriginalIndex(int index) =>
        index >= Text.Length ? Original.Length : _originStart[index];
}
