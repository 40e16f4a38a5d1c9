using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using SupportBot.Calendar;
using SupportBot.Engine.Activities;
using SupportBot.Engine.Messages;

namespace SupportBot.Channels.Line;

/// <summary>
/// Turns the bot's reply Activities into LINE message objects within the documented limits
/// (https://developers.line.biz/en/reference/messaging-api/#message-objects): text ≤ 5000 UTF-16 units
/// (split at a line or sentence end), quick reply ≤ 13 items with labels ≤ 20 characters (the label is
/// shortened, the full wording stays the sent text), many choices → a Flex bubble or carousel with a
/// plain-text <c>altText</c>, a date question → a datetime-picker quick reply, a call button → a
/// <c>tel:</c> URI action. Batching into requests of at most 5 messages is <see cref="Batches"/>.
/// </summary>
public sealed class LineReplyMapper(MessageCatalog catalog, BusinessCalendar calendar, TimeProvider clock, IOptions<LineOptions> options, IOptions<SupportBot.Engine.Center.CenterOptions> center)
{
    public const int MaxMessagesPerRequest = 5;
    public const int MaxTextLength = 5000;
    public const int MaxQuickReplyItems = 13;
    public const int MaxLabelLength = 20;
    public const int MaxActionText = 300;
    public const int MaxAltText = 400;

    /// <summary>Button labels only LINE shows (locales/*/line.yaml).</summary>
    public static readonly string[] MessageKeys = ["line.pick_date", "line.call"];
    private const int ButtonsPerBubble = 6;
    private const int MaxBubbles = 12;

    /// <summary>The LINE messages for a turn's replies, in order; the quick reply sits on the last one (LINE shows it only there).</summary>
    /// <param name="locale">The conversation's locale; labels come from the nearest catalog culture.</param>
    public List<JsonObject> Map(IReadOnlyList<Activity> replies, string? locale)
    {
        var culture = catalog.ResolveCulture(locale);
        var messages = new List<JsonObject>();
        var quick = new List<JsonObject>();
        var phones = new List<string>();
        foreach (var reply in replies.Where(r => r.IsMessage))
        {
            if (!string.IsNullOrWhiteSpace(reply.Text))
            {
                foreach (var part in SplitText(reply.Text, MaxTextLength)) messages.Add(Text(part));
                foreach (var number in new[] { center.Value.Phone, center.Value.EmergencyPhone })
                    if (number.Length > 0 && reply.Text.Contains(number) && !phones.Contains(number)) phones.Add(number);
            }

            var actions = reply.SuggestedActions?.Actions ?? [];
            if (actions.Count == 0 && InputExpectation.Of(reply) is null) continue;
            // A later message's buttons replace an earlier one's: only the last message's quick reply is shown.
            quick.Clear();
            if (InputExpectation.Of(reply) is { } expects && DatePicker(expects, culture) is { } picker) quick.Add(QuickItem(picker));

            var choices = actions.Where(IsChoice).ToList();
            if (choices.Count > options.Value.FlexAbove)
            {
                messages.Add(Flex(reply.Text, choices));
                foreach (var other in actions.Where(a => !IsChoice(a))) quick.Add(QuickItem(Action(other)));
            }
            else
            {
                foreach (var action in actions) quick.Add(QuickItem(Action(action)));
            }
        }
        if (messages.Count == 0) return messages;
        // The center's number in a message becomes a one-tap call button, unless the turn already offers it.
        foreach (var number in phones)
        {
            var uri = CompactTel("tel:" + number);
            if (quick.Count < MaxQuickReplyItems && !quick.Any(q => (string?)q["action"]?["uri"] == uri))
                quick.Add(QuickItem(new JsonObject { ["type"] = "uri", ["label"] = Label(catalog.Text(culture, "line.call", new Dictionary<string, string> { ["number"] = number })), ["uri"] = uri }));
        }
        messages = Merge(messages);
        if (quick.Count > 0)
            messages[^1]["quickReply"] = new JsonObject { ["items"] = new JsonArray([.. quick.Take(MaxQuickReplyItems)]) };
        return messages;
    }

    /// <summary>Requests of at most 5 messages each: the first goes with the reply token, the rest by push.</summary>
    public static List<List<JsonObject>> Batches(IReadOnlyList<JsonObject> messages) =>
        messages.Chunk(MaxMessagesPerRequest).Select(c => c.ToList()).ToList();

    /// <summary>
    /// When a turn has more than 5 messages, neighbouring plain texts are joined (blank line between)
    /// while they fit in one text, so most turns need no second request (a push costs quota).
    /// </summary>
    private static List<JsonObject> Merge(List<JsonObject> messages)
    {
        if (messages.Count <= MaxMessagesPerRequest) return messages;
        var merged = new List<JsonObject>();
        foreach (var m in messages)
        {
            if (merged.Count > 0 && IsPlainText(merged[^1]) && IsPlainText(m)
                && merged.Count + (messages.Count - messages.IndexOf(m)) > MaxMessagesPerRequest)
            {
                var joined = (string)merged[^1]["text"]! + "\n\n" + (string)m["text"]!;
                if (joined.Length <= MaxTextLength) { merged[^1]["text"] = joined; continue; }
            }
            merged.Add(m);
        }
        return merged;
    }

    private static bool IsPlainText(JsonObject m) => (string?)m["type"] == "text" && m["quickReply"] is null;

    private static bool IsChoice(CardAction a) => a.Type is "imBack" or "postBack" or "messageBack";

    /// <summary>Splits at the last line break, else sentence end, else space before the limit; never inside a surrogate pair.</summary>
    public static IEnumerable<string> SplitText(string text, int max)
    {
        while (text.Length > max)
        {
            var cut = BestCut(text, max);
            yield return text[..cut].TrimEnd();
            text = text[cut..].TrimStart('\n', ' ');
        }
        if (text.Length > 0) yield return text;
    }

    private static int BestCut(string text, int max)
    {
        var window = text[..max];
        var minimum = max / 2;
        var line = window.LastIndexOf('\n');
        if (line >= minimum) return line + 1;
        var sentence = window.LastIndexOfAny(['。', '！', '？', '.', '!', '?']);
        if (sentence >= minimum) return sentence + 1;
        var space = window.LastIndexOfAny([' ', '、', '　']);
        if (space >= minimum) return space + 1;
        return char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
    }

    /// <summary>A label LINE accepts (≤ 20): cut with an ellipsis, never inside a surrogate pair.</summary>
    public static string Label(string? title)
    {
        var label = (title ?? "").Trim();
        if (label.Length == 0) label = "…";
        if (label.Length <= MaxLabelLength) return label;
        var cut = MaxLabelLength - 1;
        if (char.IsHighSurrogate(label[cut - 1])) cut--;
        return label[..cut] + "…";
    }

    private static string Limit(string text, int max) =>
        text.Length <= max ? text : text[..(char.IsHighSurrogate(text[max - 1]) ? max - 1 : max)];

    private static JsonObject Text(string text) => new() { ["type"] = "text", ["text"] = text };

    private static JsonObject QuickItem(JsonObject action) => new() { ["type"] = "action", ["action"] = action };

    /// <summary>A Bot Framework card action as a LINE action object.</summary>
    private static JsonObject Action(CardAction action)
    {
        var title = action.Title ?? ValueText(action) ?? "";
        var value = ValueText(action) ?? action.Text ?? title;
        switch (action.Type)
        {
            case "call":
            case "openUrl":
                var uri = value.StartsWith("tel:", StringComparison.OrdinalIgnoreCase) || action.Type == "openUrl" ? value : "tel:" + value;
                return new JsonObject { ["type"] = "uri", ["label"] = Label(title), ["uri"] = CompactTel(uri) };
            case "postBack":
            case "messageBack":
                return new JsonObject
                {
                    ["type"] = "postback",
                    ["label"] = Label(title),
                    ["data"] = Limit(value, MaxActionText),
                    ["displayText"] = Limit(action.DisplayText ?? title, MaxActionText),
                };
            default:
                // The full wording is what the person "says" when tapping, so a shortened label changes nothing the bot reads.
                return new JsonObject { ["type"] = "message", ["label"] = Label(title), ["text"] = Limit(value, MaxActionText) };
        }
    }

    /// <summary>tel: URIs without the hyphens people read (LINE opens the dialer with the digits).</summary>
    private static string CompactTel(string uri) =>
        uri.StartsWith("tel:", StringComparison.OrdinalIgnoreCase) ? "tel:" + new string(uri[4..].Where(c => char.IsDigit(c) || c is '+' or '#' or '*').ToArray()) : uri;

    private static string? ValueText(CardAction action) =>
        action.Value is { ValueKind: JsonValueKind.String } v ? v.GetString() : action.Value?.GetRawText();

    /// <summary>The choices as buttons in a bubble (or a carousel of bubbles); <c>altText</c> lists them in plain text for notifications and old clients.</summary>
    private static JsonObject Flex(string? question, IReadOnlyList<CardAction> choices)
    {
        var bubbles = choices.Chunk(ButtonsPerBubble).Take(MaxBubbles).Select(chunk => (JsonNode)new JsonObject
        {
            ["type"] = "bubble",
            ["size"] = "kilo",
            ["body"] = new JsonObject
            {
                ["type"] = "box",
                ["layout"] = "vertical",
                ["spacing"] = "sm",
                ["contents"] = new JsonArray([.. chunk.Select(c => (JsonNode)new JsonObject
                {
                    ["type"] = "button",
                    ["style"] = "secondary",
                    ["height"] = "sm",
                    ["action"] = Action(c),
                })]),
            },
        }).ToList();
        var alt = string.Join("\n", new[] { question ?? "" }.Where(q => q.Length > 0)
            .Concat(choices.Select((c, i) => $"{i + 1}. {c.Title}")));
        return new JsonObject
        {
            ["type"] = "flex",
            ["altText"] = Limit(alt.Length > 0 ? alt : "…", MaxAltText),
            ["contents"] = bubbles.Count == 1 ? bubbles[0] : new JsonObject { ["type"] = "carousel", ["contents"] = new JsonArray([.. bubbles]) },
        };
    }

    /// <summary>A datetime-picker action for a date question, with min/max from the question or from today (Asia/Tokyo) onwards.</summary>
    private JsonObject? DatePicker(InputExpectation expects, string culture)
    {
        var mode = expects.Kind switch
        {
            InputExpectation.Date => "date",
            InputExpectation.DateTime => "datetime",
            InputExpectation.Time => "time",
            _ => null,
        };
        if (mode is null) return null;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), calendar.TimeZone).DateTime);
        var min = expects.Min ?? today;
        var max = expects.Max ?? today.AddDays(options.Value.DatePickerDays);
        if (max <= min) max = min.AddDays(1);
        var picker = new JsonObject
        {
            ["type"] = "datetimepicker",
            ["label"] = Label(catalog.Text(culture, "line.pick_date")),
            ["data"] = "supportbot:datepicker",
            ["mode"] = mode,
        };
        if (mode == "date")
        {
            picker["initial"] = min.ToString("yyyy-MM-dd");
            picker["min"] = min.ToString("yyyy-MM-dd");
            picker["max"] = max.ToString("yyyy-MM-dd");
        }
        else if (mode == "datetime")
        {
            picker["initial"] = min.ToString("yyyy-MM-dd") + "T10:00";
            picker["min"] = min.ToString("yyyy-MM-dd") + "T00:00";
            picker["max"] = max.ToString("yyyy-MM-dd") + "T23:59";
        }
        return picker;
    }
}
