using SupportBot.Engine.Messages;
using SupportBot.Engine.Tests.Support;

namespace SupportBot.Engine.Tests.Messages;

public sealed class MessageCatalogTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sb-catalog-" + Guid.NewGuid().ToString("N"));

    public MessageCatalogTests()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "ja-JP"));
        Directory.CreateDirectory(Path.Combine(_dir, "en-US"));
        File.WriteAllText(Path.Combine(_dir, "ja-JP", "a.yaml"), "greet: こんにちは、{name}さん。{center.phone} です。\nonly_ja: 日本語だけ\n");
        File.WriteAllText(Path.Combine(_dir, "en-US", "a.yaml"), "greet: Hello {name}. Call {center.phone}.\n");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private MessageCatalog Load() => MessageCatalog.Load(_dir, new Dictionary<string, string> { ["center.phone"] = "0465-71-0189" });

    [Fact]
    public void Fills_arguments_and_center_facts()
    {
        var text = Load().Text("ja-JP", "greet", new Dictionary<string, string> { ["name"] = "山田" });
        Assert.Equal("こんにちは、山田さん。0465-71-0189 です。", text);
    }

    [Theory]
    [InlineData("en-US", "en-US")]
    [InlineData("en", "en-US")]
    [InlineData("EN-gb", "en-US")]
    [InlineData("ja", "ja-JP")]
    [InlineData("fr-FR", "ja-JP")]
    [InlineData(null, "ja-JP")]
    public void Resolves_the_culture_by_locale_then_language_then_default(string? locale, string expected) =>
        Assert.Equal(expected, Load().ResolveCulture(locale));

    [Fact]
    public void A_key_missing_in_a_culture_falls_back_to_japanese() =>
        Assert.Equal("日本語だけ", Load().Text("en-US", "only_ja"));

    [Fact]
    public void An_unknown_key_or_placeholder_is_an_error_naming_it()
    {
        var catalog = Load();
        Assert.Contains("nope", Assert.Throws<KeyNotFoundException>(() => catalog.Text("ja-JP", "nope")).Message);
        Assert.Contains("{name}", Assert.Throws<KeyNotFoundException>(() => catalog.Text("ja-JP", "greet")).Message);
    }

    [Fact]
    public void A_key_defined_twice_is_an_error_naming_both_files()
    {
        File.WriteAllText(Path.Combine(_dir, "ja-JP", "b.yaml"), "greet: もう一度\n");
        var error = Assert.Throws<InvalidDataException>(Load);
        Assert.Contains("greet", error.Message);
        Assert.Contains("a.yaml", error.Message);
        Assert.Contains("b.yaml", error.Message);
    }

    [Fact]
    public void A_catalog_that_is_not_a_flat_map_is_an_error_naming_the_file()
    {
        File.WriteAllText(Path.Combine(_dir, "ja-JP", "c.yaml"), "nested:\n  key: value\n");
        Assert.Contains("c.yaml", Assert.Throws<InvalidDataException>(Load).Message);
    }
}
