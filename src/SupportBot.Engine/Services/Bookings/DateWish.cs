using System.Text.Json;
using SupportBot.Language.DateTimeRecognition;
using SupportBot.Language.Answers;

namespace SupportBot.Engine.Services.Bookings;

/// <summary>
/// When the person would like to come, read from their words: one or more <see cref="BookingReading"/>s
/// (「月曜か火曜の午後」 gives two), or none for "as early as possible". Kept in the flow as compact JSON.
/// </summary>
public static class DateWish
{
    /// <summary>The readings in <paramref name="text"/>; an empty list for 「なるべく早く」; null when nothing was understood.</summary>
    public static IReadOnlyList<BookingReading>? Read(string text, DateTimeOffset now)
    {
        var readings = DateTimeRecognizer.Recognize(text, now).Select(m => m.Reading).OfType<BookingReading>()
            .Where(r => r.HasDate || r.HasTime).ToList();
        if (readings.Count > 0) return readings;
        if (BookingWords.IsAsSoonAsPossible(text)) return [];
        // English wishes (the en-US locale): "next Tuesday afternoon", "Dec 3 at 2pm".
        var english = EnglishDateReader.Read(text, DateTimeRecognizer.JapanTime(now));
        return english.Count > 0 ? english : null;
    }

    public static string Serialize(IReadOnlyList<BookingReading> readings) =>
        JsonSerializer.Serialize(readings.Select(r => new Stored(r.Date, r.DateEnd, r.Minutes, r.MinutesEnd)));

    public static IReadOnlyList<BookingReading> Deserialize(string? json)
    {
        if (string.IsNullOrEmpty(json)) return [];
        try
        {
            return (JsonSerializer.Deserialize<List<Stored>>(json) ?? [])
                .Select(s => new BookingReading { Date = s.D, DateEnd = s.E, Minutes = s.M, MinutesEnd = s.N }).ToList();
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private sealed record Stored(DateOnly? D, DateOnly? E, int? M, int? N);
}
