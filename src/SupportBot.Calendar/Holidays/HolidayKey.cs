namespace SupportBot.Calendar;

/// <summary>
/// A stable identifier for each kind of Japanese public holiday. Display names never live in
/// code: <see cref="HolidayKeys.LocaleKey"/> gives the catalog key (<c>holiday.culture_day</c>)
/// that <c>locales/&lt;culture&gt;/holidays.yaml</c> translates.
/// </summary>
public enum HolidayKey
{
    /// <summary>元日, 1 January.</summary>
    NewYearsDay,
    /// <summary>成人の日: 15 January until 1999, the second Monday of January from 2000.</summary>
    ComingOfAgeDay,
    /// <summary>建国記念の日, 11 February, from 1967.</summary>
    NationalFoundationDay,
    /// <summary>天皇誕生日: 29 April until 1988, 23 December 1989–2018, none in 2019, 23 February from 2020.</summary>
    EmperorsBirthday,
    /// <summary>春分の日, by the astronomical approximation formula.</summary>
    VernalEquinoxDay,
    /// <summary>昭和の日, 29 April, from 2007.</summary>
    ShowaDay,
    /// <summary>憲法記念日, 3 May.</summary>
    ConstitutionMemorialDay,
    /// <summary>みどりの日: 29 April 1989–2006, 4 May from 2007.</summary>
    GreeneryDay,
    /// <summary>こどもの日, 5 May.</summary>
    ChildrensDay,
    /// <summary>海の日: 20 July 1996–2002, the third Monday of July from 2003 (moved in 2020 and 2021).</summary>
    MarineDay,
    /// <summary>山の日: 11 August from 2016 (moved in 2020 and 2021).</summary>
    MountainDay,
    /// <summary>敬老の日: 15 September 1966–2002, the third Monday of September from 2003.</summary>
    RespectForTheAgedDay,
    /// <summary>秋分の日, by the astronomical approximation formula.</summary>
    AutumnalEquinoxDay,
    /// <summary>体育の日: 10 October 1966–1999, the second Monday of October 2000–2019.</summary>
    HealthAndSportsDay,
    /// <summary>スポーツの日: the second Monday of October from 2020 (moved in 2020 and 2021).</summary>
    SportsDay,
    /// <summary>文化の日, 3 November.</summary>
    CultureDay,
    /// <summary>勤労感謝の日, 23 November.</summary>
    LaborThanksgivingDay,
    /// <summary>振替休日: the day off given when a national holiday falls on a Sunday (from 1973-04-12).</summary>
    SubstituteHoliday,
    /// <summary>国民の休日: a day sandwiched between two national holidays (from 1985-12-27).</summary>
    NationalHoliday,
    /// <summary>1959-04-10, the wedding of Crown Prince Akihito (皇太子明仁親王の結婚の儀).</summary>
    RoyalWedding1959,
    /// <summary>1989-02-24, the funeral of Emperor Shōwa (昭和天皇の大喪の礼).</summary>
    ImperialFuneral1989,
    /// <summary>1990-11-12, the enthronement ceremony of Emperor Akihito (即位礼正殿の儀).</summary>
    EnthronementCeremony1990,
    /// <summary>1993-06-09, the wedding of Crown Prince Naruhito (皇太子徳仁親王の結婚の儀).</summary>
    RoyalWedding1993,
    /// <summary>2019-05-01, the day of the Emperor's accession (天皇の即位の日).</summary>
    EnthronementDay2019,
    /// <summary>2019-10-22, the enthronement ceremony of Emperor Naruhito (即位礼正殿の儀).</summary>
    EnthronementCeremony2019,
}

/// <summary>Catalog keys for <see cref="HolidayKey"/>.</summary>
public static class HolidayKeys
{
    /// <summary>
    /// The locale catalog key, e.g. <c>holiday.culture_day</c>. Spelled out per member rather than
    /// derived from the enum name, so renaming a C# member can never silently orphan a translation.
    /// </summary>
    public static string LocaleKey(this HolidayKey key) => "holiday." + key switch
    {
        HolidayKey.NewYearsDay => "new_years_day",
        HolidayKey.ComingOfAgeDay => "coming_of_age_day",
        HolidayKey.NationalFoundationDay => "national_foundation_day",
        HolidayKey.EmperorsBirthday => "emperors_birthday",
        HolidayKey.VernalEquinoxDay => "vernal_equinox_day",
        HolidayKey.ShowaDay => "showa_day",
        HolidayKey.ConstitutionMemorialDay => "constitution_memorial_day",
        HolidayKey.GreeneryDay => "greenery_day",
        HolidayKey.ChildrensDay => "childrens_day",
        HolidayKey.MarineDay => "marine_day",
        HolidayKey.MountainDay => "mountain_day",
        HolidayKey.RespectForTheAgedDay => "respect_for_the_aged_day",
        HolidayKey.AutumnalEquinoxDay => "autumnal_equinox_day",
        HolidayKey.HealthAndSportsDay => "health_and_sports_day",
        HolidayKey.SportsDay => "sports_day",
        HolidayKey.CultureDay => "culture_day",
        HolidayKey.LaborThanksgivingDay => "labor_thanksgiving_day",
        HolidayKey.SubstituteHoliday => "substitute_holiday",
        HolidayKey.NationalHoliday => "national_holiday",
        HolidayKey.RoyalWedding1959 => "royal_wedding_1959",
        HolidayKey.ImperialFuneral1989 => "imperial_funeral_1989",
        HolidayKey.EnthronementCeremony1990 => "enthronement_ceremony_1990",
        HolidayKey.RoyalWedding1993 => "royal_wedding_1993",
        HolidayKey.EnthronementDay2019 => "enthronement_day_2019",
        HolidayKey.EnthronementCeremony2019 => "enthronement_ceremony_2019",
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, null),
    };
}
