using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SupportBot.Engine.Features;
using SupportBot.Engine.Messages;

namespace SupportBot.Engine.Staff;

public sealed class StaffFeature : IFeature
{
    /// <summary>The staff side (docs/staff.md): accounts, the audit log, and what staff do with what residents left.</summary>
    public static void Add(IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<StaffOptions>().Bind(config.GetSection(StaffOptions.SectionName))
            .Validate(o => o.MaxFailedLogins >= 1, "Staff:MaxFailedLogins must be at least 1.")
            .Validate(o => o.IdleTimeout > TimeSpan.Zero && o.LockoutDuration > TimeSpan.Zero, "Staff:IdleTimeout and Staff:LockoutDuration must be positive.")
            .ValidateOnStart();
        services.AddSingleton<StaffAccounts>();
        services.AddSingleton<StaffAudit>();
        services.AddSingleton<StaffInbox>();
        services.AddSingleton<StaffBookings>();
        services.AddMessageKeys("staff bookings", StaffBookings.MessageKeys);
    }
}
