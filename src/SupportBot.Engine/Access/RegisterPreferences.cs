using System.Text.Json;
using Microsoft.Extensions.Options;
using SupportBot.Engine.Activities;
using SupportBot.Engine.Services;
using SupportBot.Engine.State;
using SupportBot.Engine.Turns;
using SupportBot.Language.Answers;

namespace SupportBot.Engine.Access;

/// <summary>
/// A person's choice of plain or standard Japanese, kept by user id (not by conversation) on the channels of
/// <see cref="AccessOptions.RememberOnChannels"/>, for <see cref="AccessOptions.PreferenceTtl"/>. It is a small
/// document in the conversation store under its own key (<c>prefs/&lt;channel&gt;:&lt;user&gt;</c>), read once when a
/// conversation's state is new and written when the person switches: no new store contract.
/// </summary>
public sealed class RegisterPreferences(IConversationStore store, IOptions<AccessOptions> options)
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(5);

    /// <summary>Whether the choice of the sender of <paramref name="activity"/> is kept by user (a 1:1 chat on a listed channel).</summary>
    public bool Remembers(Activity activity) =>
        activity.Conversation?.IsGroup != true && activity.From?.Id is { Length: > 0 }
        && options.Value.RememberOnChannels.Contains(activity.ChannelId ?? "", StringComparer.OrdinalIgnoreCase);

    public static string Key(string? ingress, string? channelId, string userId) =>
        "prefs/" + TurnPipeline.ConversationKey(ingress, channelId, userId);

    public async Task<Register?> GetAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (!Remembers(activity)) return null;
        var lease = await store.TryBeginAsync(Key(activity.Ingress, activity.ChannelId, activity.From!.Id!), Lease, cancellationToken);
        if (lease is null) return null;
        await store.ReleaseAsync(lease, cancellationToken);
        if (lease.StateJson is null) return null;
        try
        {
            var doc = JsonSerializer.Deserialize<Preference>(lease.StateJson, ActivityJson.Options);
            return Enum.TryParse<Register>(doc?.Register, ignoreCase: true, out var r) ? r : null;
        }
        catch (JsonException) { return null; }
    }

    public async Task SetAsync(Activity activity, Register register, CancellationToken cancellationToken)
    {
        if (!Remembers(activity)) return;
        var json = JsonSerializer.Serialize(new Preference { Register = register.ToString().ToLowerInvariant() }, ActivityJson.Options);
        await WriteAsync(Key(activity.Ingress, activity.ChannelId, activity.From!.Id!), json, cancellationToken);
    }

    /// <summary>Forgets the person's choice (the person left or asked to be forgotten); 1 when there was one.</summary>
    public async Task<int> EraseAsync(ConversationReference who, CancellationToken cancellationToken) =>
        await WriteAsync(Key(null, who.ChannelId, who.UserId), null, cancellationToken) ? 1 : 0;

    private async Task<bool> WriteAsync(string key, string? json, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var lease = await store.TryBeginAsync(key, Lease, cancellationToken);
            if (lease is null) { await Task.Delay(20 * (attempt + 1), cancellationToken); continue; }
            var had = lease.StateJson is not null;
            try { return await store.CommitAsync(lease, json, options.Value.PreferenceTtl, cancellationToken) && (json is not null || had); }
            catch { await store.ReleaseAsync(lease, CancellationToken.None); throw; }
        }
        return false;
    }

    private sealed class Preference
    {
        public string? Register { get; set; }
    }
}

/// <summary>The plain-language choice kept by user: erased with the person's other data.</summary>
public sealed class RegisterPreferenceEraser(RegisterPreferences preferences) : IPersonalDataEraser
{
    public Task<int> EraseAsync(ConversationReference who, CancellationToken cancellationToken) => preferences.EraseAsync(who, cancellationToken);
}
