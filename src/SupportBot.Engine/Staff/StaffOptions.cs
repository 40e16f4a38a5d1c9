namespace SupportBot.Engine.Staff;

/// <summary>The staff console and live hand-off (section <c>Staff</c>; docs/staff.md).</summary>
public sealed class StaffOptions
{
    public const string SectionName = "Staff";

    /// <summary>A session ends after this long without a request (sliding). Default 30 minutes.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Failed sign-ins in a row that lock an account. Default 5.</summary>
    public int MaxFailedLogins { get; set; } = 5;

    /// <summary>How long a locked account stays locked. Default 15 minutes.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long the audit log of staff actions is kept. Default 400 days.</summary>
    public TimeSpan AuditRetention { get; set; } = TimeSpan.FromDays(400);

    /// <summary>
    /// Whether the console's cookies carry the Secure flag always (true, the default) or only on HTTPS requests
    /// (false: for <c>dotnet run</c> on http://localhost; appsettings.Development.json sets it).
    /// </summary>
    public bool RequireHttps { get; set; } = true;

    /// <summary>
    /// In the Development environment only: the name of a first admin account created (with a random password
    /// printed once on the console) when the store has no account. Empty: none.
    /// </summary>
    public string DevelopmentAdmin { get; set; } = "admin";

    /// <summary>The culture of the console's labels (locales/&lt;culture&gt;/staff.yaml).</summary>
    public string Culture { get; set; } = "ja-JP";

    /// <summary>How long a resident waits for a staff member to take the conversation before the bot says nobody can, kindly. Default 5 minutes.</summary>
    public TimeSpan HandoffWait { get; set; } = TimeSpan.FromMinutes(5);
}
