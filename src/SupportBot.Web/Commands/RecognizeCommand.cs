namespace SupportBot.Web.Commands;

/// <summary>Placeholder until the date/time recognizer lands: echoes that nothing is recognized yet.</summary>
internal static class RecognizeCommand
{
    public static int Run(TextReader input, TextWriter output)
    {
        output.WriteLine("{\"error\":\"the recognizer is not built yet\"}");
        return 2;
    }
}
