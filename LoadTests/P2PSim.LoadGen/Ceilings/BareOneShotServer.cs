using System.Net.Sockets;

namespace P2PSim.LoadGen.Ceilings;

/// <summary>
/// The machine's ceiling for the classic protocol's shape: accept, read one request (one receive), write a
/// one-byte reply, close. Nothing else — no parsing, no registry, no logging — so a P2PSim server cannot beat it on
/// the same kernel and client. Serves at most 1,024 connections at once.
/// </summary>
internal sealed class BareOneShotServer : BareSocketServer
{
    private static readonly byte[] Reply = "0"u8.ToArray();

    /// <param name="acceptLoops">Accept loops; one per core by default (one loop measured no different here).</param>
    public BareOneShotServer(int acceptLoops = 0)
        : base(maxConnections: 1024, serveOnPool: true) => Start(acceptLoops);

    protected override async Task ServeAsync(Socket socket, CancellationToken stopping)
    {
        var buffer = new byte[512];
        await socket.ReceiveAsync(buffer, SocketFlags.None, stopping);
        await socket.SendAsync(Reply, SocketFlags.None, stopping);
        socket.Shutdown(SocketShutdown.Send);
    }
}
