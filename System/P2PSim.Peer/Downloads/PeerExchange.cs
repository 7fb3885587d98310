using P2PSim.Transport;
using P2PSim.Transport.Framing;
using P2PSim.Transport.Timing;

namespace P2PSim.Peer.Downloads;

/// <summary>
/// The network side of one GET_FILE: connect, write, read, each bounded by the idle timeout, and every network
/// failure turned into <see cref="TransferFailedException"/>. Kept apart so that local file errors, also
/// <see cref="IOException"/>s, are never mistaken for the peer's.
/// </summary>
internal sealed class PeerExchange(
    ITransport transport, TransportEndPoint peer, string remoteName, TimeSpan idleTimeout, TimeProvider timeProvider,
    CancellationToken cancellationToken) : IAsyncDisposable
{
    private readonly IdleTimeout _idle = new(idleTimeout, timeProvider, cancellationToken);
    private IConnection? _connection;

    public async Task ConnectAsync()
    {
        try
        {
            _connection = await transport.ConnectAsync(peer, _idle.Restart());
        }
        catch (Exception e) when (IsNetworkFailure(e))
        {
            throw Translate(e);
        }
    }

    public async Task WriteAsync(ReadOnlyMemory<byte> bytes)
    {
        try
        {
            await Connection.Stream.WriteAsync(bytes, _idle.Restart());
        }
        catch (Exception e) when (IsNetworkFailure(e))
        {
            throw Translate(e);
        }
    }

    /// <summary>Reads what has arrived; 0 when the peer has closed.</summary>
    public async Task<int> ReadAsync(Memory<byte> destination)
    {
        try
        {
            return await Connection.Stream.ReadAsync(destination, _idle.Restart());
        }
        catch (Exception e) when (IsNetworkFailure(e))
        {
            throw Translate(e);
        }
    }

    /// <summary>A reader over the connection into <paramref name="buffer"/>, for <see cref="FillAsync"/>.</summary>
    public FrameReader Reader(byte[] buffer) => new(Connection.Stream, buffer, buffer.Length);

    /// <summary>Reads until at least <paramref name="minimum"/> bytes are buffered; false when the peer closed first.</summary>
    public async Task<bool> FillAsync(FrameReader reader, int minimum)
    {
        try
        {
            return await reader.FillAtLeastAsync(minimum, _idle);
        }
        catch (Exception e) when (IsNetworkFailure(e))
        {
            throw Translate(e);
        }
    }

    public TransferFailedException Failed(string reason, Exception? inner = null) => new(peer, remoteName, reason, inner);

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        // Stryker disable once Statement : the countdown's sources hold no timer once stopped; not disposing them releases nothing observable
        _idle.Dispose();
    }

    private IConnection Connection => _connection ?? throw new InvalidOperationException("Not connected.");

    private bool IsNetworkFailure(Exception e) =>
        (e is OperationCanceledException && _idle.Expired && !cancellationToken.IsCancellationRequested) ||
        e is IOException or ObjectDisposedException;

    private TransferFailedException Translate(Exception e) => e switch
    {
        OperationCanceledException => Failed($"nothing arrived for {idleTimeout.TotalSeconds:0.###} s", e),
        ConnectionRefusedException => Failed("nothing is listening there (connection refused)", e),
        _ => Failed(e.Message, e),
    };
}
