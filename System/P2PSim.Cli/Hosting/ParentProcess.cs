using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace P2PSim.Cli.Hosting;

/// <summary>
/// <c>--parent-pid</c>: a token that is cancelled on SIGINT/SIGTERM or once the parent has exited, whichever comes
/// first. The parent is polled: a process that is not our parent's child cannot be waited for on Linux, and a
/// quarter second is soon enough for a test runner's leftovers.
/// </summary>
internal sealed class ParentProcess : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    private readonly CancellationTokenSource _stop;

    private ParentProcess(CancellationTokenSource stop)
    {
        _stop = stop;
    }

    public CancellationToken Token => _stop.Token;

    /// <summary>Links <paramref name="stopping"/> with the exit of <paramref name="parentPid"/> (none when null).</summary>
    public static ParentProcess Watch(int? parentPid, CancellationToken stopping, ILogger logger)
    {
        var stop = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        if (parentPid is { } pid)
        {
            _ = PollAsync(pid, stop, logger);
        }

        return new ParentProcess(stop);
    }

    public void Dispose()
    {
        // Cancel first, so the poller ends at its next delay instead of touching a disposed source.
        _stop.Cancel();
        _stop.Dispose();
    }

    private static async Task PollAsync(int pid, CancellationTokenSource stop, ILogger logger)
    {
        try
        {
            var token = stop.Token;
            while (!token.IsCancellationRequested)
            {
                if (!IsRunning(pid))
                {
                    Log.ParentExited(logger, pid);
                    await stop.CancelAsync();
                    return;
                }

                await Task.Delay(PollInterval, token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
            // The command ended first.
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false; // no such process (any more)
        }
    }
}
