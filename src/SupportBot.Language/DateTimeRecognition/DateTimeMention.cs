namespace SupportBot.Language.DateTimeRecognition;

/// <summary>
/// One date/time expression found in a text, in the shape of a Microsoft Recognizers-Text model result
/// (so the upstream Japanese specs run against it), plus the single reading the booking flow uses.
/// </summary>
/// <param name="Text">The matched span, width-normalized (full-width digits as ASCII), like upstream.</param>
/// <param name="Start">Start index in the original text.</param>
/// <param name="End">Inclusive end index in the original text (upstream convention).</param>
/// <param name="TypeName"><c>datetimeV2.date</c>, <c>.time</c>, <c>.datetime</c>, <c>.daterange</c>, <c>.timerange</c>,
/// <c>.datetimerange</c>.</param>
/// <param name="Resolution">Upstream-style values: each has <c>timex</c>, <c>type</c> and <c>value</c> or
/// <c>start</c>/<c>end</c>, sometimes <c>Mod</c> and <c>sourceEntity</c>. Ambiguous expressions give the past
/// reading then the future one.</param>
/// <param name="Reading">Our product reading (datetime-conventions.md), or null when the expression has none
/// the booking flow can use (a past-only range, a duration).</param>
public sealed record DateTimeMention(
    string Text,
    int Start,
    int End,
    string TypeName,
    DateTimeResolution Resolution,
    BookingReading? Reading);

/// <summary>Upstream-shaped resolution: a list of flat string maps.</summary>
public sealed record DateTimeResolution(IReadOnlyList<IReadOnlyDictionary<string, string>> Values);
