namespace SupportBot.Engine.Center;

/// <summary>
/// Facts about the center (section <c>Center</c>). Catalog messages insert them by placeholder
/// (<c>{center.phone}</c>), so changing the phone number is one edit here, not in every sentence.
/// The opening hours and days are not here: they come from the calendar (<c>Calendar:WeeklyHours</c>),
/// see <see cref="CenterFacts"/>.
/// </summary>
public sealed class CenterOptions
{
    public const string SectionName = "Center";

    public string Name { get; set; } = "";
    public string PostalCode { get; set; } = "";
    public string Address { get; set; } = "";
    public string Building { get; set; } = "";
    public string Phone { get; set; } = "";
    public string Fax { get; set; } = "";

    /// <summary>The center's 24-hour line for emergencies (nights, weekends, holidays).</summary>
    public string EmergencyPhone { get; set; } = "";

    /// <summary>The area the center serves, in the center's own words.</summary>
    public string ServiceArea { get; set; } = "";
}
