namespace SupportBot.Calendar.Tests;

/// <summary>Locates files of this repository from the test's output folder.</summary>
static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SupportBot.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("SupportBot.sln not found above " + AppContext.BaseDirectory);
    }
}
