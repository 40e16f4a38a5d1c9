using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SupportBot.Channels.BotFramework.Auth;

namespace SupportBot.Channels.Tests.BotFramework.Auth;

public sealed class BotFrameworkOptionsTests
{
    [Fact]
    public void Defaults_follow_the_spec()
    {
        var options = new BotFrameworkOptions();

        Assert.False(options.AuthenticationEnabled);
        Assert.Equal("https://login.botframework.com/v1/.well-known/openidconfiguration", options.OpenIdMetadataUrl);
        Assert.Equal("https://login.microsoftonline.com/botframework.com/v2.0/.well-known/openid-configuration", options.EmulatorOpenIdMetadataUrl);
        Assert.Equal("https://login.microsoftonline.com/botframework.com", options.EffectiveAuthority);
        Assert.Equal("https://api.botframework.com/.default", options.OAuthScope);
        Assert.Equal(
        [
            "https://api.botframework.com",
            "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/",
            "https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0",
            "https://sts.windows.net/f8cdef31-a31e-4b4a-93e4-5f571e91255a/",
            "https://login.microsoftonline.com/f8cdef31-a31e-4b4a-93e4-5f571e91255a/v2.0",
        ], options.EffectiveValidIssuers);
    }

    [Fact]
    public void Configured_issuers_replace_the_defaults()
    {
        using var services = AuthTestHost.Build(TimeProvider.System, new Dictionary<string, string?>
        {
            ["BotFramework:ValidIssuers:0"] = "https://api.botframework.us",
        });

        var options = services.GetRequiredService<IOptions<BotFrameworkOptions>>().Value;

        Assert.Equal(["https://api.botframework.us"], options.EffectiveValidIssuers);
    }

    [Fact]
    public void An_app_id_without_a_password_fails_at_start()
    {
        using var services = AuthTestHost.Build(TimeProvider.System, new Dictionary<string, string?>
        {
            ["BotFramework:MicrosoftAppId"] = AuthTestHost.AppId,
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<BotFrameworkOptions>>().Value);

        Assert.Contains("MicrosoftAppPassword", error.Message);
    }
}
