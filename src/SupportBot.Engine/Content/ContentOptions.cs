namespace SupportBot.Web.Composition;

/// <summary>Where the flows and catalogs are read from (section <c>Content</c>).</summary>
public sealed class ContentOptions
{
    public const string SectionName = "Content";

    /// <summary>Folder with one sub-folder per culture (ja-JP, en-US). Relative paths are from the app's folder.</summary>
    public string LocalesPath { get; set; } = "locales";

    /// <summary>Folder of the flow files (dialogs/*.yaml).</summary>
    public string DialogsPath { get; set; } = "dialogs";

    /// <summary>Files in a culture folder that are data, not message catalogs.</summary>
    public string[] DataFiles { get; set; } = ["intents.yaml", "hotlines.yaml", "meetups.yaml"];
}
