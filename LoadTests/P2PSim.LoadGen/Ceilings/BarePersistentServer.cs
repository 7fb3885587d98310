using System.Net.Sockets;

namespace P2PSim.LoadGen.Ceilings;

/// <summary>
/// The machine's ceiling for request/response over kept connections: each connection sends fixed
/// <see cref="RequestLength"/>-byte requests and gets one byte back per request. Shows what one-connection-per-op
/// costs compared with a persistent protocol. At most 1,024 connections.
/// </summary>
internal sealed class BarePersistentServer : BareSocketServer
{
    public const int RequestLength = 16;

    private static readonly byte[] Reply = "0"u8.ToArray();

    public BarePersistentServer()
        : base(maxConnections: 1024, serveOnPool: false) => Start();

    protected override async Task ServeAsync(Socket socket, CancellationToken stopping)
    {
        socket.NoDelay = true;
        var buffer = new byte[RequestLength];
        while (await FillAsync(socket, buffer, stopping))
        {
            await socket.SendAsync(Reply, SocketFlags.None, stopping);
        }
    }

    /// <summary>Reads exactly one request; false at a clean end of stream.</summary>
    internal static async ValueTask<bool> FillAsync(Socket socket, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await socket.ReceiveAsync(buffer[filled..], SocketFlags.None, cancellationToken);
            if (read == 0)
            {
                return false;
            }

            filled += read;
        }

        return true;
    }
}
