namespace SupportBot.Engine.Understanding;

/// <summary>
/// The training splits of the corpus (<c>locales/&lt;culture&gt;/*.train.tsv</c>, see corpus/README.md): tab-separated
/// id, label, utterance, note; '#' lines are comments and the first other line is the header.
/// </summary>
public static class TrainingTsv
{
    /// <summary>(label, utterance) per row.</summary>
    public static IEnumerable<(string Label, string Text)> Read(string file)
    {
        var header = true;
        foreach (var line in File.ReadLines(file))
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (header) { header = false; continue; }
            var cells = line.Split('\t');
            if (cells.Length < 3) throw new InvalidDataException($"{file}: expected id, label, utterance: {cells[0]}");
            yield return (cells[1], cells[2]);
        }
    }
}
