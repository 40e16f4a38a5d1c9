using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using SupportBot.Calendar;
using SupportBot.Engine.Center;
using SupportBot.Engine.Staff;

namespace SupportBot.Web.Staff.Pages;

/// <summary>
/// Closures: add a closed day or half day (morning until 12:00, afternoon from 12:00), remove one. The calendar
/// takes it at once, so the bot's answers change at once (on every instance: see <see cref="CenterClosures"/>).
/// </summary>
public sealed class ClosuresModel(StaffAudit audit, CenterClosures closures, TimeProvider clock, StaffText text) : StaffPage(audit)
{
    /// <summary>The closed hours in words: all day, until 12:00, from 12:00, 13:00–15:00.</summary>
    public string Hours(AdHocClosure c) => (c.From, c.Until) switch
    {
        (null, null) => text["staff.closures.all_day"],
        (null, { } until) => text.Format("staff.closures.until", ("until", until.ToString("HH:mm", CultureInfo.InvariantCulture))),
        ({ } from, null) => text.Format("staff.closures.from", ("from", from.ToString("HH:mm", CultureInfo.InvariantCulture))),
        ({ } from, { } until) => text.Format("staff.closures.range", ("from", from.ToString("HH:mm", CultureInfo.InvariantCulture)), ("until", until.ToString("HH:mm", CultureInfo.InvariantCulture))),
    };

    private static readonly TimeOnly Noon = new(12, 0);

    public IReadOnlyList<StoredClosure> Items { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync()
    {
        await LoadAsync();
        await AuditAsync("view.closures");
    }

    public async Task<IActionResult> OnPostAddAsync(string? date, string? part)
    {
        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) || day < StaffText.Today(clock))
        {
            Error = "staff.closures.error_date";
            await LoadAsync();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var closure = part switch
        {
            "am" => new AdHocClosure { Date = day, Until = Noon, LabelKey = "closure.default" },
            "pm" => new AdHocClosure { Date = day, From = Noon, LabelKey = "closure.default" },
            _ => new AdHocClosure { Date = day, LabelKey = "closure.default" },
        };
        await closures.AddAsync(closure, HttpContext.RequestAborted);
        await AuditAsync("closure.add", $"{day:yyyy-MM-dd}/{part ?? "day"}");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveAsync(string id)
    {
        if (!await closures.RemoveAsync(id, HttpContext.RequestAborted)) return NotFound();
        await AuditAsync("closure.remove", id);
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        Today = StaffText.Today(clock);
        Items = await closures.ListAsync(HttpContext.RequestAborted);
    }
}
