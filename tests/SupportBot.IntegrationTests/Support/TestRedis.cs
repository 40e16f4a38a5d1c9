namespace SupportBot.IntegrationTests.Support;

/// <summary>
/// The real Redis the tests use, from <c>SUPPORTBOT_TEST_REDIS</c> (host:port). The README's test
/// command starts one on a free loopback port and sets it. Missing → the test fails, never skips.
/// </summary>
public static class TestRedis
{
    public const string Variable = "SUPPORTBOT_TEST_REDIS";

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set. These tests need a real Redis: run ./scripts/test.sh (it installs and starts one), " +
                $"or start redis-server yourself and set {Variable}=127.0.0.1:PORT.");
}
