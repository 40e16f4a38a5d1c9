using SupportBot.Language.DateTimeRecognition;

namespace SupportBot.Language.Tests.OwnCases;

/// <summary>English booking wishes (en-US), read with the same conventions as Japanese ones; the reference is Monday 2026-11-30 11:00 in Japan.</summary>
public sealed class EnglishDateReaderTests
{
    private static readonly System.DateTime Monday = new(2026, 11, 30, 11, 0, 0);

    [Theory]
    [InlineData("next Tuesday afternoon", "date=2026-12-08;timerange=12:00-18:00")]
    [InlineData("this Friday", "date=2026-12-04")]
    [InlineData("Tuesday", "date=2026-12-01")]
    [InlineData("Monday", "date=2026-12-07")]
    [InlineData("tomorrow morning", "date=2026-12-01;timerange=00:00-12:00")]
    [InlineData("the day after tomorrow at 2", "datetime=2026-12-02T14:00")]
    [InlineData("today at 3pm", "datetime=2026-11-30T15:00")]
    [InlineData("Dec 3 at 2:30 pm", "datetime=2026-12-03T14:30")]
    [InlineData("December 3rd", "date=2026-12-03")]
    [InlineData("the 15th of January", "date=2027-01-15")]
    [InlineData("Jan 5, 2027 10am", "datetime=2027-01-05T10:00")]
    [InlineData("12/3 14:00", "datetime=2026-12-03T14:00")]
    [InlineData("Monday or Tuesday morning", "date=2026-12-07;timerange=00:00-12:00|date=2026-12-01;timerange=00:00-12:00")]
    [InlineData("next Wednesday or Thursday", "date=2026-12-09|date=2026-12-10")]
    [InlineData("next week", "daterange=2026-12-07..2026-12-13")]
    [InlineData("in the afternoon", "timerange=12:00-18:00")]
    [InlineData("noon", "time=12:00")]
    [InlineData("Nov 2", "date=2027-11-02")]
    public void Reads_the_wish(string text, string expected) =>
        Assert.Equal(expected, BookingReading.Compact(EnglishDateReader.Read(text, Monday)));

    [Theory]
    [InlineData("my number is 090-1234-5678")]
    [InlineData("I want to talk to someone")]
    [InlineData("may I ask something")]
    [InlineData("February 30")]
    [InlineData("")]
    public void Reads_nothing_where_there_is_no_date(string text) =>
        Assert.Empty(EnglishDateReader.Read(text, Monday));
}
