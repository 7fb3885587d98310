using Xunit;

namespace P2PSim.TestKit;

/// <summary>
/// Waits that end: a test that only hangs reports nothing (a hung test host is not a failed test), so every wait on
/// work of another party goes through here and fails with what it was waiting for once its bound is over.
/// </summary>
public static class Bounded
{
    /// <summary>The bound of a wait that names none: long enough for a loaded CI machine, short enough to report.</summary>
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(30);

    /// <summary>Awaits <paramref name="task"/>, failing the test with <paramref name="what"/> once <paramref name="timeout"/> is over.</summary>
    public static async Task WaitAsync(Task task, TimeSpan timeout, string what)
    {
        ArgumentNullException.ThrowIfNull(task);
        try
        {
            await task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Timed out after {timeout} waiting for: {what}");
        }
    }

    /// <summary>Awaits <paramref name="task"/> and returns its result, failing the test with <paramref name="what"/> past <paramref name="timeout"/>.</summary>
    public static async Task<T> WaitAsync<T>(Task<T> task, TimeSpan timeout, string what)
    {
        ArgumentNullException.ThrowIfNull(task);
        try
        {
            return await task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Timed out after {timeout} waiting for: {what}");
            throw; // not reached: Assert.Fail throws
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> on the thread pool and blocks for its result, for synchronous callers such as an
    /// FsCheck property (no test synchronization context is blocked), failing the test with <paramref name="what"/>
    /// past <paramref name="timeout"/>; the work's own exception is rethrown as it is.
    /// </summary>
    public static T Run<T>(Func<Task<T>> work, TimeSpan timeout, string what)
    {
        ArgumentNullException.ThrowIfNull(work);
        var task = Task.Run(work);
        Wait(task, timeout, what);
        return task.GetAwaiter().GetResult(); // completed: rethrows the work's exception unwrapped
    }

    /// <summary>
    /// Blocks until <paramref name="task"/> ends, for synchronous callers (a Coyote engine, a stress trial), failing
    /// the test with <paramref name="what"/> past <paramref name="timeout"/>. Prefer <see cref="WaitAsync(Task, TimeSpan, string)"/>.
    /// </summary>
    public static void Wait(Task task, TimeSpan timeout, string what)
    {
        ArgumentNullException.ThrowIfNull(task);
        // Waits for the end without observing a failure (that is the caller's), and within the bound only.
        if (!((IAsyncResult)task).AsyncWaitHandle.WaitOne(timeout))
        {
            Assert.Fail($"Timed out after {timeout} waiting for: {what}");
        }
    }
}
