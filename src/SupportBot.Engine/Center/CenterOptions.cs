namespace SupportBot.Engine.Center;

/// <summary>
/// Facts about the center (section <c>Center</c>). Catalog messages insert them by placeholder
/// (<c>{center.phone}</c>), so changing the phone number is one edit here, not in every sentence.
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

    /// <summary>Opening hours as people say them, e.g. "10:00–17:00" (the calendar holds the rules).</summary>
    public string HoursText { get; set; } = "";

    /// <summary>The area the center serves, in the center's own words.</summary>
    public string ServiceArea { get; set; } = "";

    /// <summary>The values the catalogs may insert, keyed as <c>center.xxx</c>.</summary>
    public IReadOnlyDictionary<string, string> ToPlaceholders() => new Dictionary<string, string>
    {
        ["center.name"] = Name,
        ["center.postal_code"] = PostalCode,
        ["center.address"] = Address,
        ["center.building"] = Building,
        ["center.phone"] = Phone,
        ["center.fax"] = Fax,
        ["center.emergency_phone"] = EmergencyPhone,
        ["center.hours"] = HoursText,
        ["center.service_area"] = ServiceArea,
    };
}
