namespace SupportBot.Engine.Content;

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

    /// <summary>The locales folder as an absolute path.</summary>
    public string LocalesFolder => Resolve(LocalesPath);

    /// <summary>The dialogs folder as an absolute path.</summary>
    public string DialogsFolder => Resolve(DialogsPath);

    /// <summary>Relative content paths are taken from the app's folder (where the build copies locales/ and dialogs/).</summary>
    public static string Resolve(string path) =>
        Path.IsPathRooted(path) ? path : Path.Combine(AppContext.BaseDirectory, path);
}
