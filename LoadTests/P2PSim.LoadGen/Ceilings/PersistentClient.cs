using System.Net;
using System.Net.Sockets;
using P2PSim.LoadGen.Scenarios;

namespace P2PSim.LoadGen.Ceilings;

/// <summary>One client's kept connection to a <see cref="BarePersistentServer"/>.</summary>
internal sealed class PersistentClient : IDisposable
{
    private static readonly byte[] Request = new byte[BarePersistentServer.RequestLength];

    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
    private readonly byte[] _reply = new byte[1];

    public static async Task<PersistentClient> ConnectAsync(IPEndPoint server, CancellationToken cancellationToken)
    {
        var client = new PersistentClient();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(RawExchange.Timeout);
            await client._socket.ConnectAsync(server, timeout.Token);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>One request, one reply byte. A connection that fails is useless afterwards: the caller drops it.</summary>
    public async ValueTask ExchangeAsync(CancellationToken cancellationToken)
    {
        await _socket.SendAsync(Request, SocketFlags.None, cancellationToken);
        if (!await BarePersistentServer.FillAsync(_socket, _reply, cancellationToken))
        {
            throw new IOException("the bare server closed the connection");
        }
    }

    public void Dispose() => _socket.Dispose();
}
