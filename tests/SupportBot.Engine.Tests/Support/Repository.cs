namespace SupportBot.Engine.Tests.Support;

public static class Repository
{
    public static string Root { get; } = Find();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "SupportBot.sln"))) return dir.FullName;
        throw new InvalidOperationException("SupportBot.sln not found above " + AppContext.BaseDirectory);
    }
}
