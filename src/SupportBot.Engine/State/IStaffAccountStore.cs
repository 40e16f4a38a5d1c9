namespace SupportBot.Engine.State;

/// <summary>What a staff member may do in the staff console: staff see and act; admins also manage accounts and read the audit log.</summary>
public enum StaffRole { Staff, Admin }

/// <summary>
/// One staff console account. <see cref="PasswordHash"/> is ASP.NET Core Identity's <c>PasswordHasher</c> output
/// (the store never reads it); <see cref="Stamp"/> changes when the password is reset or the account disabled,
/// which ends every session signed in before. Names are lower-case (<c>[a-z0-9._-]</c>).
/// </summary>
public sealed record StaffAccount(
    string UserName,
    string DisplayName,
    StaffRole Role,
    string PasswordHash,
    bool Disabled,
    int FailedLogins,
    DateTimeOffset? LockedUntil,
    string Stamp,
    DateTimeOffset Created);

/// <summary>
/// Staff console accounts (docs/staff.md). Failed sign-ins are counted atomically, so a lockout holds when
/// guesses arrive at several instances at once.
/// </summary>
public interface IStaffAccountStore
{
    Task<StaffAccount?> GetAsync(string userName, CancellationToken cancellationToken = default);

    /// <summary>Every account, by name.</summary>
    Task<IReadOnlyList<StaffAccount>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds the account; false (nothing written) when the name is taken.</summary>
    Task<bool> CreateAsync(StaffAccount account, CancellationToken cancellationToken = default);

    /// <summary>Writes every field but <see cref="StaffAccount.FailedLogins"/>; false when the account does not exist.</summary>
    Task<bool> UpdateAsync(StaffAccount account, CancellationToken cancellationToken = default);

    /// <summary>Counts one failed sign-in; returns the count now (0 when the account does not exist).</summary>
    Task<int> AddFailedLoginAsync(string userName, CancellationToken cancellationToken = default);

    /// <summary>Sets the failed sign-in count back to 0 (a successful sign-in, a lockout, a reset).</summary>
    Task ClearFailedLoginsAsync(string userName, CancellationToken cancellationToken = default);
}
