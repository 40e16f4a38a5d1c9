using Microsoft.Extensions.Options;
using SupportBot.Engine.Staff;
using SupportBot.Engine.State;
using SupportBot.Storage.Redis;

namespace SupportBot.Web.Commands;

/// <summary>
/// <c>staff add NAME [--role admin|staff] [--display "表示名"]</c>, <c>staff reset NAME</c>, <c>staff disable NAME</c>,
/// <c>staff list</c>: the staff console's accounts, in the Redis the bot uses (<c>ConnectionStrings:Redis</c> and
/// <c>Storage:KeyPrefix</c> from appsettings.json, the environment or <c>--ConnectionStrings:Redis=…</c>). A new or
/// reset password is printed once and never stored in the clear. Each change goes to the audit log as "cli".
/// </summary>
internal static class StaffCommand
{
    private const string Usage = "usage: staff add NAME [--role admin|staff] [--display NAME] | staff reset NAME | staff disable NAME | staff list";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var positional = args.TakeWhile(a => !a.StartsWith('-')).ToArray();
        var config = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args.Skip(positional.Length).ToArray())
            .Build();
        if (positional.Length == 0 || (positional[0] != "list" && positional.Length != 2))
        {
            error.WriteLine(Usage);
            return 2;
        }
        var redis = config.GetConnectionString("Redis");
        if (string.IsNullOrWhiteSpace(redis))
        {
            error.WriteLine("ConnectionStrings:Redis is not set. Accounts live in the store the bot uses; without Redis the bot keeps them in its own memory, "
                + "and in Development `dotnet run` creates a first admin itself (docs/staff.md).");
            return 2;
        }

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(config);
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<StorageOptions>().Bind(config.GetSection(StorageOptions.SectionName));
        services.AddOptions<StaffOptions>().Bind(config.GetSection(StaffOptions.SectionName));
        services.AddSupportBotRedis(redis);
        services.AddSingleton<StaffAccounts>();
        services.AddSingleton<StaffAudit>();
        await using var provider = services.BuildServiceProvider();
        var accounts = provider.GetRequiredService<StaffAccounts>();
        var audit = provider.GetRequiredService<StaffAudit>();
        try
        {
            switch (positional[0])
            {
                case "add":
                {
                    var name = StaffAccounts.Normalize(positional[1]);
                    if (!StaffAccounts.IsValidName(name)) { error.WriteLine($"'{positional[1]}' is not a valid name: 2-32 of a-z, 0-9, '.', '_', '-'."); return 2; }
                    var roleText = config["role"] ?? "staff";
                    if (!Enum.TryParse<StaffRole>(roleText, ignoreCase: true, out var role) || !Enum.IsDefined(role)) { error.WriteLine($"--role must be admin or staff, not '{roleText}'."); return 2; }
                    var password = await accounts.AddAsync(name, config["display"], role, cancellationToken);
                    if (password is null) { error.WriteLine($"An account '{name}' exists already (use `staff reset {name}`)."); return 1; }
                    await audit.WriteAsync("cli", "account.add", name, cancellationToken);
                    output.WriteLine($"Account '{name}' ({role.ToString().ToLowerInvariant()}) created. Password (shown once): {password}");
                    return 0;
                }
                case "reset":
                {
                    var name = StaffAccounts.Normalize(positional[1]);
                    var password = await accounts.ResetAsync(name, cancellationToken);
                    if (password is null) { error.WriteLine($"No account '{name}'."); return 1; }
                    await audit.WriteAsync("cli", "account.reset", name, cancellationToken);
                    output.WriteLine($"Account '{name}': new password (shown once): {password}. Its sessions have ended; a lockout is lifted.");
                    return 0;
                }
                case "disable":
                {
                    var name = StaffAccounts.Normalize(positional[1]);
                    if (!await accounts.DisableAsync(name, cancellationToken)) { error.WriteLine($"No account '{name}'."); return 1; }
                    await audit.WriteAsync("cli", "account.disable", name, cancellationToken);
                    output.WriteLine($"Account '{name}' disabled; its sessions have ended (`staff reset {name}` enables it again).");
                    return 0;
                }
                case "list":
                    foreach (var a in await accounts.Store.ListAsync(cancellationToken))
                        output.WriteLine($"{a.UserName}\t{a.Role.ToString().ToLowerInvariant()}\t{(a.Disabled ? "disabled" : "active")}");
                    return 0;
                default:
                    error.WriteLine(Usage);
                    return 2;
            }
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
        {
            error.WriteLine($"The store did not answer ({ex.GetType().Name}); check ConnectionStrings:Redis.");
            return 1;
        }
    }
}
