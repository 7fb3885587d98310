namespace P2PSim.Transport.Tests;

/// <summary>Bounds every wait of a test, so a transport that hangs fails the test instead of the run.</summary>
internal static class Deadline
{
    public static CancellationToken In(int seconds = 10) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;
}
