namespace P2PSim.LogSink.Tests;

/// <summary>Bounded waits: every wait in these tests ends within the deadline, passing or failing.</summary>
internal static class Poll
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    public static async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out after {Deadline} waiting for: {what}");
            }

            await Task.Delay(10);
        }
    }
}
