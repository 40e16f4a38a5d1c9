namespace SupportBot.Web.Composition;

/// <summary>The staff API under <c>/admin</c> (section <c>Admin</c>).</summary>
public sealed class AdminOptions
{
    public const string SectionName = "Admin";

    /// <summary>The key staff tools send as <c>X-Admin-Key</c> (or <c>Authorization: Bearer</c>). Empty: the staff API is off (404).</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>
    /// A second, read-only secret for the bookings calendar alone, sent as <c>/admin/bookings.ics?token=…</c>:
    /// calendar apps subscribe by URL and cannot send a header. At least 16 characters; empty: the feed needs
    /// the admin key like everything else.
    /// </summary>
    public string CalendarFeedToken { get; set; } = "";
}
