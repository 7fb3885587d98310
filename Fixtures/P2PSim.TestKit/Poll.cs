using Xunit;

namespace P2PSim.TestKit;

/// <summary>Bounded waits for what happens in the background: every wait ends within the deadline, passing or failing.</summary>
public static class Poll
{
    /// <summary>How long a wait may take before the test fails.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    /// <summary>Waits until <paramref name="condition"/> holds, failing the test with <paramref name="what"/> past the deadline.</summary>
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

    /// <summary>Waits until the asynchronous <paramref name="condition"/> holds, failing past <paramref name="deadline"/>.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan deadline, string what)
    {
        var until = DateTime.UtcNow + deadline;
        while (!await condition())
        {
            if (DateTime.UtcNow > until)
            {
                Assert.Fail($"Timed out after {deadline} waiting for: {what}");
            }

            await Task.Delay(50);
        }
    }
}
