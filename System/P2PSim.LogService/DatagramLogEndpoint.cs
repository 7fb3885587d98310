using P2PSim.Transport;

namespace P2PSim.LogService;

/// <summary>
/// A <see cref="DatagramLogServer"/> running on its own socket, as one part that runs beside the TCP server and stops
/// with it: disposing cancels the receive loop, closes the socket and waits for the loop to end.
/// </summary>
internal sealed class DatagramLogEndpoint : IAsyncDisposable
{
    private readonly IDatagramSocket _socket;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _run;

    private DatagramLogEndpoint(IDatagramSocket socket, DatagramLogServer server)
    {
        _socket = socket;
        _run = server.RunAsync(socket, _stopping.Token);
    }

    /// <summary>Starts <paramref name="server"/> on <paramref name="socket"/>, taking ownership of the socket.</summary>
    public static DatagramLogEndpoint Start(IDatagramSocket socket, DatagramLogServer server) => new(socket, server);

    public async ValueTask DisposeAsync()
    {
        // Stryker disable once Statement : disposing the socket ends the loop all the same (IDatagramSocket: pending and later receives return null once disposed), and DisposeAsync awaits the loop either way
        _stopping.Cancel(); // Cancel, not CancelAsync: its callbacks would run on a thread Coyote does not control
        await _socket.DisposeAsync();
        await _run;
        // Stryker disable once Statement : the source has no timer and, once the loop has ended, no registrations; disposing it releases nothing observable
        _stopping.Dispose();
    }
}
