using SupportBot.Engine.Staff;

namespace SupportBot.Web.Staff.Pages.Admin;

/// <summary>The audit log of the last 14 days, newest first (admins only).</summary>
public sealed class AuditModel(StaffAudit audit, TimeProvider clock) : StaffPage(audit)
{
    public IReadOnlyList<StaffAuditEntry> Entries { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var now = clock.GetUtcNow();
        Entries = await Audit.ReadAsync(now.AddDays(-14), now, HttpContext.RequestAborted);
        await AuditAsync("view.audit");
    }
}
