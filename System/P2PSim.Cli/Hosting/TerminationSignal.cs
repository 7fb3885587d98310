using System.Runtime.InteropServices;

namespace P2PSim.Cli.Hosting;

/// <summary>
/// Tells a SIGTERM from a SIGINT once the command's token is cancelled: System.CommandLine cancels the same token
/// for both. It leaves the default handling alone (the token is still cancelled as before); it only notes the
/// signal.
/// </summary>
internal sealed class TerminationSignal : IDisposable
{
    // Handlers of one signal run one after the other in no set order, so the token may be cancelled a moment before
    // this one runs: how long to wait for it once the token is.
    private static readonly TimeSpan HandlerSkew = TimeSpan.FromMilliseconds(250);

    private readonly TaskCompletionSource _received = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly PosixSignalRegistration? _registration;

    private TerminationSignal()
    {
        try
        {
            _registration = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => _received.TrySetResult());
        }
        catch (PlatformNotSupportedException)
        {
            _registration = null; // no SIGTERM here: every stop is an interruption
        }
    }

    /// <summary>Starts noting SIGTERM.</summary>
    public static TerminationSignal Watch() => new();

    /// <summary>Whether SIGTERM arrived (waiting a moment for its handler after the token was cancelled).</summary>
    public async Task<bool> ReceivedAsync()
    {
        if (_registration is null)
        {
            return false;
        }

        var received = _received.Task;
        await Task.WhenAny(new[] { received, Task.Delay(HandlerSkew) });
        return received.IsCompleted;
    }

    public void Dispose() => _registration?.Dispose();
}
