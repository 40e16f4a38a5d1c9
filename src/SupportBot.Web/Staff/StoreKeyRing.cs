using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using SupportBot.Engine.State;

namespace SupportBot.Web.Staff;

/// <summary>
/// The data-protection key ring (what signs and encrypts the console's cookies and antiforgery tokens) in the
/// bot's store, so a session started on one instance is valid on every other one behind the load balancer (no
/// sticky sessions). Record log <c>dataprotection-keys</c>; with the in-memory store the keys live as long as the
/// process. Like ASP.NET Core's own Redis key store, the keys are stored as they are: protect Redis accordingly.
/// </summary>
internal sealed class StoreKeyRing(IRecordLog records, TimeProvider clock) : IXmlRepository
{
    public const string Log = "dataprotection-keys";

    private static readonly TimeSpan Keep = TimeSpan.FromDays(3650);

    // The framework calls these synchronously, rarely (at start and when a key is added), and caches the ring.
    public IReadOnlyCollection<XElement> GetAllElements() =>
        records.ReadAsync(Log, DateTimeOffset.UnixEpoch, clock.GetUtcNow().AddYears(10)).GetAwaiter().GetResult().Select(XElement.Parse).ToList();

    public void StoreElement(XElement element, string friendlyName) =>
        records.AppendAsync(Log, clock.GetUtcNow(), element.ToString(SaveOptions.DisableFormatting), Keep).GetAwaiter().GetResult();
}
