namespace SupportBot.Engine.State;

/// <summary>The outcome of a sign-up: a place, a place on the waiting list (with its position), or already in.</summary>
public enum RosterStatus { Confirmed, Waitlisted, AlreadyConfirmed, AlreadyWaitlisted }

public sealed record RosterJoin(RosterStatus Status, int WaitlistPosition);

/// <summary>What leaving did: whether the person was on the roster, and who moved up from the waiting list.</summary>
public sealed record RosterLeave(bool Left, string? PromotedMember, string? PromotedRecord);

/// <summary>
/// Sign-ups for one meeting date (an "occurrence key"): capacity enforced atomically — never more
/// confirmed members than places, under any concurrency and across instances — with a first-come
/// waiting list that moves up automatically when a place frees. Members are opaque keys (channel +
/// user id); each carries a small JSON record (nickname, how to reach them) for staff.
/// </summary>
public interface IMeetupRoster
{
    Task<RosterJoin> JoinAsync(string occurrence, string member, string recordJson, int capacity, TimeSpan keepFor, CancellationToken cancellationToken = default);

    Task<RosterLeave> LeaveAsync(string occurrence, string member, int capacity, CancellationToken cancellationToken = default);

    /// <summary>Confirmed members then the waiting list, each in sign-up order, with their records.</summary>
    Task<(IReadOnlyList<(string Member, string Record)> Confirmed, IReadOnlyList<(string Member, string Record)> Waitlist)> ListAsync(string occurrence, CancellationToken cancellationToken = default);
}
