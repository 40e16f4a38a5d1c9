using Microsoft.Extensions.Options;
using SupportBot.Engine.Staff;
using SupportBot.Engine.State;

namespace SupportBot.Web.Staff;

/// <summary>
/// In the Development environment only: when the store has no staff account, creates the first admin
/// (<see cref="StaffOptions.DevelopmentAdmin"/>) with a random password and prints it once on the console, so
/// <c>dotnet run</c> gives a working console. In production the first admin comes from the <c>staff add</c> command.
/// </summary>
internal sealed class DevelopmentAdmin(IHostEnvironment environment, StaffAccounts accounts, IOptions<StaffOptions> options, StaffAudit audit) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var name = options.Value.DevelopmentAdmin;
        if (!environment.IsDevelopment() || string.IsNullOrWhiteSpace(name)) return;
        try
        {
            if ((await accounts.Store.ListAsync(cancellationToken)).Count > 0) return;
            var password = await accounts.AddAsync(name, null, StaffRole.Admin, cancellationToken);
            if (password is null) return;
            await audit.WriteAsync("system", "account.add", StaffAccounts.Normalize(name), cancellationToken);
            // Printed on the console on purpose, once, in Development only (never through the logger).
            Console.WriteLine($"Staff console: /staff — first admin '{StaffAccounts.Normalize(name)}', password {password} (Development only; shown once).");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Console.Error.WriteLine("The Development admin account could not be created: " + ex.GetType().Name);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
