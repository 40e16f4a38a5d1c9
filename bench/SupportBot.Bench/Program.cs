namespace SupportBot.Bench; static class Program { static int Main() => 0; }
