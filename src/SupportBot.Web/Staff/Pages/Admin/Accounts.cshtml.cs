using Microsoft.AspNetCore.Mvc;
using SupportBot.Engine.Staff;
using SupportBot.Engine.State;

namespace SupportBot.Web.Staff.Pages.Admin;

/// <summary>Admins add accounts, reset passwords (a new one is shown once) and disable accounts; each is audited.</summary>
public sealed class AccountsModel(StaffAccounts accounts, StaffAudit audit, TimeProvider clock) : StaffPage(audit)
{
    public IReadOnlyList<StaffAccount> Accounts { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }
    public string? NewPassword { get; private set; }
    public string? Target { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync()
    {
        await AuditAsync("view.accounts");
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAddAsync(string name, string? display, StaffRole role)
    {
        Target = StaffAccounts.Normalize(name);
        if (!StaffAccounts.IsValidName(Target)) Error = "staff.accounts.error_name";
        else if ((NewPassword = await accounts.AddAsync(Target, display, role, HttpContext.RequestAborted)) is null) Error = "staff.accounts.error_taken";
        else await AuditAsync("account.add", Target);
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostResetAsync(string target)
    {
        Target = StaffAccounts.Normalize(target);
        NewPassword = await accounts.ResetAsync(Target, HttpContext.RequestAborted);
        if (NewPassword is null) return NotFound();
        await AuditAsync("account.reset", Target);
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync(string target)
    {
        Target = StaffAccounts.Normalize(target);
        if (Target == User.Who()) return BadRequest();
        if (!await accounts.DisableAsync(Target, HttpContext.RequestAborted)) return NotFound();
        await AuditAsync("account.disable", Target);
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        Now = clock.GetUtcNow();
        Accounts = await accounts.Store.ListAsync(HttpContext.RequestAborted);
    }
}
