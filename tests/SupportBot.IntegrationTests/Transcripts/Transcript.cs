using System.Text.RegularExpressions;

namespace SupportBot.IntegrationTests.Transcripts;

/// <summary>
/// A conversation file (<c>*.transcript</c>): settings, then <c>user:</c> lines and the <c>bot:</c>
/// lines expected in answer, in order.
/// <code>
/// # a comment
/// now: 2026-11-24T14:00:00+09:00     (pins the clock)
/// locale: ja-JP
/// channel: directline
/// user: 開所時間を教えて
/// bot: faq.hours.answer              (a catalog key: the reply must be that message, placeholders as wildcards)
/// bot: ~ 開所しています               (~ : the reply contains this text)
/// buttons: はい | いいえ              (the previous reply's buttons, exactly)
/// clock: 2026-12-15T10:00:00+09:00   (moves the clock: the app runs on a hand-moved clock from 'now')
/// reminders:                         (sends the reminders due now; the bot lines after it are the
///                                     messages this conversation received outside a turn)
/// user@b: 参加したい                  (another person, in their own conversation)
/// inbox@b:                           (the messages person b received outside a turn since the last look)
/// set: Meetups:Items:0:Capacity = 1  (a configuration value for this file; before the first user line)
/// </code>
/// Every reply of a turn must be matched (typing and trace activities aside).
/// </summary>
public sealed record Transcript(string Name, IReadOnlyDictionary<string, string> Settings, IReadOnlyDictionary<string, string?> Config, IReadOnlyList<TranscriptTurn> Turns)
{
    public static Transcript Parse(string path)
    {
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var config = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var turns = new List<TranscriptTurn>();
        foreach (var (raw, index) in File.ReadLines(path).Select((l, i) => (l, i + 1)))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var colon = line.IndexOf(':');
            if (colon < 0) throw new FormatException($"{path}:{index}: expected 'name: value'");
            var (name, value) = (line[..colon].Trim(), line[(colon + 1)..].Trim());
            var at = name.IndexOf('@');
            var who = at < 0 ? null : name[(at + 1)..];
            if (at >= 0) name = name[..at];
            switch (name)
            {
                case "user": turns.Add(new TranscriptTurn(TurnKind.User, value, [], index, who)); break;
                case "inbox": turns.Add(new TranscriptTurn(TurnKind.Inbox, value, [], index, who)); break;
                case "set" when turns.Count == 0:
                    var eq = value.IndexOf('=');
                    if (eq < 0) throw new FormatException($"{path}:{index}: expected 'set: Section:Key = value'");
                    config[value[..eq].Trim()] = value[(eq + 1)..].Trim();
                    break;
                case "clock" when turns.Count > 0: turns.Add(new TranscriptTurn(TurnKind.Clock, value, [], index)); break;
                case "reminders": turns.Add(new TranscriptTurn(TurnKind.Reminders, value, [], index)); break;
                case "bot":
                    if (turns.Count == 0 || turns[^1].Kind == TurnKind.Clock) throw new FormatException($"{path}:{index}: a bot line needs a user or reminders line before it");
                    turns[^1].Expected.Add(new ExpectedReply(value, null, index));
                    break;
                case "buttons":
                    if (turns.Count == 0 || turns[^1].Expected.Count == 0) throw new FormatException($"{path}:{index}: buttons need a bot line before them");
                    var last = turns[^1].Expected[^1];
                    turns[^1].Expected[^1] = last with { Buttons = value.Split('|').Select(b => b.Trim()).ToList() };
                    break;
                default:
                    if (turns.Count > 0) throw new FormatException($"{path}:{index}: settings go before the first user line");
                    settings[name] = value;
                    break;
            }
        }
        return new Transcript(Path.GetFileNameWithoutExtension(path), settings, config, turns);
    }
}

public enum TurnKind { User, Clock, Reminders, Inbox }

/// <summary>
/// A step of the file: what a user writes, a clock move, sending due reminders, or a look at a person's
/// messages outside a turn; and the bot lines expected after it. <see cref="Who"/> null is the main person.
/// </summary>
public sealed record TranscriptTurn(TurnKind Kind, string Value, List<ExpectedReply> Expected, int Line, string? Who = null)
{
    public string User => Value;
}

public sealed record ExpectedReply(string Pattern, IReadOnlyList<string>? Buttons, int Line)
{
    /// <summary>Whether <paramref name="text"/> is what this line expects, given the catalog of the conversation's culture.</summary>
    public bool Matches(string text, Func<string, string?> template)
    {
        if (Pattern.StartsWith('~')) return text.Contains(Pattern[1..].Trim(), StringComparison.Ordinal);
        var t = template(Pattern) ?? throw new InvalidOperationException($"line {Line}: '{Pattern}' is not a catalog key (use '~ text' for a text)");
        var regex = "^" + string.Join(".+?", Regex.Split(t, @"\{[a-z_.]+\}").Select(Regex.Escape)) + "$";
        return Regex.IsMatch(text, regex, RegexOptions.Singleline);
    }
}
