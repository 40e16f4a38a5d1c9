using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using SupportBot.Engine.Staff;

namespace SupportBot.Web.Staff;

/// <summary>
/// The staff console at <c>/staff</c> (docs/staff.md): Razor Pages under <c>Staff/Pages</c>, cookie sign-in with
/// antiforgery on every form, secure cookie flags, an idle timeout, roles, and the audit log. The pages' labels
/// are in the staff catalog (<c>locales/ja-JP/staff.yaml</c>).
/// </summary>
public static class StaffConsole
{
    public const string CookieName = "sb-staff";
    public const string AntiforgeryCookieName = "sb-staff-af";

    public static IServiceCollection AddStaffConsole(this IServiceCollection services)
    {
        services.AddSingleton<StaffText>();
        // Japanese stays Japanese in the pages (the default encoder writes every non-ASCII letter as &#x…;).
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddHostedService<DevelopmentAdmin>();
        // One key ring for every instance (in the store), so cookies and antiforgery tokens hold across instances.
        Microsoft.AspNetCore.DataProtection.DataProtectionBuilderExtensions.SetApplicationName(services.AddDataProtection(), "SupportBot");
        services.AddOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>()
            .Configure<Engine.State.IRecordLog, TimeProvider>((o, records, clock) => o.XmlRepository = new StoreKeyRing(records, clock));
        services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Staff/Pages";
            o.Conventions.AuthorizeFolder("/", StaffAuth.StaffPolicy);
            o.Conventions.AuthorizeFolder("/Admin", StaffAuth.AdminPolicy);
            o.Conventions.AllowAnonymousToPage("/Login");
            o.Conventions.AllowAnonymousToPage("/Denied");
        });
        services.AddAuthentication(StaffAuth.Scheme).AddCookie(StaffAuth.Scheme, o =>
        {
            o.Cookie.Name = CookieName;
            o.Cookie.Path = "/staff";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.IsEssential = true;
            o.LoginPath = "/staff/login";
            o.LogoutPath = "/staff/logout";
            o.AccessDeniedPath = "/staff/denied";
            o.ReturnUrlParameter = "returnUrl";
            o.SlidingExpiration = true;
            o.Events.OnValidatePrincipal = StaffAuth.ValidateAsync;
        });
        // Settings that come from configuration and the app's clock (a fake one in tests) are applied once both exist.
        services.AddOptions<CookieAuthenticationOptions>(StaffAuth.Scheme).Configure<IOptions<StaffOptions>, TimeProvider>((o, staff, clock) =>
        {
            o.ExpireTimeSpan = staff.Value.IdleTimeout;
            o.Cookie.SecurePolicy = staff.Value.RequireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.TimeProvider = clock;
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = AntiforgeryCookieName;
            o.Cookie.Path = "/staff";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
        });
        services.AddOptions<Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions>().Configure<IOptions<StaffOptions>>((o, staff) =>
            o.Cookie.SecurePolicy = staff.Value.RequireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest);
        services.AddOptions<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>().Configure<IOptions<StaffOptions>>((o, staff) =>
        {
            o.Cookie.Name = "sb-staff-msg";
            o.Cookie.Path = "/staff";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = staff.Value.RequireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(StaffAuth.StaffPolicy, p => p.AddAuthenticationSchemes(StaffAuth.Scheme).RequireAuthenticatedUser().RequireRole(nameof(Engine.State.StaffRole.Staff), nameof(Engine.State.StaffRole.Admin)))
            .AddPolicy(StaffAuth.AdminPolicy, p => p.AddAuthenticationSchemes(StaffAuth.Scheme).RequireAuthenticatedUser().RequireRole(nameof(Engine.State.StaffRole.Admin)));
        return services;
    }

    public static WebApplication MapStaffConsole(this WebApplication app)
    {
        // Pages that show personal data: not cached, not framed, no referrer to other sites.
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/staff"))
            {
                var headers = context.Response.Headers;
                headers.CacheControl = "no-store";
                headers.XFrameOptions = "DENY";
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                headers.ContentSecurityPolicy = "default-src 'self'; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; frame-ancestors 'none'; form-action 'self'";
            }
            await next(context);
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapRazorPages();
        app.MapStaffEvents();
        return app;
    }
}
