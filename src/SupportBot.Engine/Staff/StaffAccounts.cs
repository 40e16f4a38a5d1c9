using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SupportBot.Engine.State;

namespace SupportBot.Engine.Staff;

public enum SignInOutcome { Ok, Wrong, LockedOut }

public sealed record SignInResult(SignInOutcome Outcome, StaffAccount? Account);

/// <summary>
/// Staff console accounts: passwords hashed with ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/>
/// (PBKDF2, per-password salt), a lockout after <see cref="StaffOptions.MaxFailedLogins"/> failed sign-ins in a
/// row for <see cref="StaffOptions.LockoutDuration"/>, and new passwords generated here, shown once, never stored
/// in the clear. A disabled or unknown account fails like a wrong password (nothing tells which).
/// </summary>
public sealed partial class StaffAccounts(IStaffAccountStore store, TimeProvider clock, IOptions<StaffOptions> options)
{
    private static readonly PasswordHasher<StaffAccount> Hasher = new();
    // Verified against for unknown names, so their answer takes as long as a real account's.
    private static readonly string DummyHash = Hasher.HashPassword(null!, "not-a-password-" + Guid.NewGuid());
    private const string Alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public IStaffAccountStore Store => store;

    /// <summary>The stored form of a name: trimmed, lower-case.</summary>
    public static string Normalize(string? userName) => (userName ?? "").Trim().ToLowerInvariant();

    /// <summary>2–32 characters of a–z, 0–9, '.', '_', '-', starting with a letter or digit.</summary>
    public static bool IsValidName(string userName) => NameRule().IsMatch(userName);

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{1,31}$")]
    private static partial Regex NameRule();

    /// <summary>A new random password: 16 characters without look-alikes (0/O, 1/l/I), about 92 bits.</summary>
    public static string NewPassword() => RandomNumberGenerator.GetString(Alphabet, 16);

    public Task<StaffAccount?> FindAsync(string userName, CancellationToken ct = default) => store.GetAsync(Normalize(userName), ct);

    public async Task<SignInResult> SignInAsync(string userName, string password, CancellationToken ct = default)
    {
        var name = Normalize(userName);
        var account = IsValidName(name) ? await store.GetAsync(name, ct) : null;
        var now = clock.GetUtcNow();
        if (account is null || account.Disabled)
        {
            Hasher.VerifyHashedPassword(null!, DummyHash, password ?? "");
            return new SignInResult(SignInOutcome.Wrong, null);
        }
        if (account.LockedUntil is { } until && until > now) return new SignInResult(SignInOutcome.LockedOut, account);

        var verdict = Hasher.VerifyHashedPassword(account, account.PasswordHash, password ?? "");
        if (verdict == PasswordVerificationResult.Failed)
        {
            var failures = await store.AddFailedLoginAsync(name, ct);
            if (failures < options.Value.MaxFailedLogins) return new SignInResult(SignInOutcome.Wrong, account);
            account = account with { LockedUntil = now + options.Value.LockoutDuration };
            await store.UpdateAsync(account, ct);
            await store.ClearFailedLoginsAsync(name, ct);
            return new SignInResult(SignInOutcome.LockedOut, account);
        }
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded || account.LockedUntil is not null)
        {
            account = account with { PasswordHash = verdict == PasswordVerificationResult.SuccessRehashNeeded ? Hasher.HashPassword(account, password!) : account.PasswordHash, LockedUntil = null };
            await store.UpdateAsync(account, ct);
        }
        if (account.FailedLogins > 0) await store.ClearFailedLoginsAsync(name, ct);
        return new SignInResult(SignInOutcome.Ok, account with { FailedLogins = 0 });
    }

    /// <summary>Creates an account with a new random password; returns the password (shown once), or null when the name is taken.</summary>
    /// <exception cref="ArgumentException">The name breaks <see cref="IsValidName"/>.</exception>
    public async Task<string?> AddAsync(string userName, string? displayName, StaffRole role, CancellationToken ct = default)
    {
        var name = Normalize(userName);
        if (!IsValidName(name)) throw new ArgumentException($"'{userName}' is not a valid account name (2-32 of a-z, 0-9, '.', '_', '-').", nameof(userName));
        var password = NewPassword();
        var account = new StaffAccount(name, string.IsNullOrWhiteSpace(displayName) ? name : displayName.Trim(), role, "", false, 0, null, NewStamp(), clock.GetUtcNow());
        account = account with { PasswordHash = Hasher.HashPassword(account, password) };
        return await store.CreateAsync(account, ct) ? password : null;
    }

    /// <summary>Sets a new random password, lifts a lockout, enables the account and ends its sessions; returns the password, or null when unknown.</summary>
    public async Task<string?> ResetAsync(string userName, CancellationToken ct = default)
    {
        var account = await FindAsync(userName, ct);
        if (account is null) return null;
        var password = NewPassword();
        await store.UpdateAsync(account with { PasswordHash = Hasher.HashPassword(account, password), LockedUntil = null, Disabled = false, Stamp = NewStamp() }, ct);
        await store.ClearFailedLoginsAsync(account.UserName, ct);
        return password;
    }

    /// <summary>Disables the account and ends its sessions; false when unknown.</summary>
    public async Task<bool> DisableAsync(string userName, CancellationToken ct = default)
    {
        var account = await FindAsync(userName, ct);
        return account is not null && await store.UpdateAsync(account with { Disabled = true, Stamp = NewStamp() }, ct);
    }

    private static string NewStamp() => Guid.NewGuid().ToString("N");
}
