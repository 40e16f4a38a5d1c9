using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SupportBot.Calendar;
using SupportBot.Engine.Content;
using SupportBot.Engine.Messages;
using SupportBot.Engine.Services.Bookings;
using SupportBot.Engine.Features;

namespace SupportBot.Engine.Center;

public sealed class CenterFeature : IFeature
{
    /// <summary>
    /// The center's facts (sections <c>Center</c> and <c>BusinessCalendar</c>), the business calendar, and
    /// the message catalogs of locales/ with those facts as placeholders (<see cref="CenterFacts"/>).
    /// </summary>
    public static void Add(IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<CenterOptions>().Bind(config.GetSection(CenterOptions.SectionName));
        services.AddOptions<ContentOptions>().Bind(config.GetSection(ContentOptions.SectionName));
        services.AddOptions<BusinessCalendarOptions>().Bind(config.GetSection(BusinessCalendarOptions.SectionName));
        services.AddSingleton(sp => new BusinessCalendar(sp.GetRequiredService<IOptions<BusinessCalendarOptions>>().Value));
        services.AddSingleton(sp =>
        {
            var content = sp.GetRequiredService<IOptions<ContentOptions>>().Value;
            var center = sp.GetRequiredService<IOptions<CenterOptions>>().Value;
            var dataFiles = new HashSet<string>(content.DataFiles, StringComparer.OrdinalIgnoreCase);
            // The center's facts (hours, closed days, closures, the booking cut-off) fill the texts from the one configuration.
            var facts = new CenterFacts(center, sp.GetRequiredService<IOptions<BusinessCalendarOptions>>().Value, sp.GetRequiredService<IOptions<BookingOptions>>().Value);
            return MessageCatalog.Load(content.LocalesFolder, facts, f => !dataFiles.Contains(f));
        });
        services.AddMessageKeys(nameof(Formats), Formats.Keys);
    }
}
