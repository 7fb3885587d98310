using System.Net;
using System.Net.Sockets;

namespace P2PSim.TransferBench;

/// <summary>
/// The ceiling for one stream: a minimal server that sends a file's bytes over one loopback TCP connection and a
/// client that writes them to a file. No protocol, no hashing: what the machine's sockets and disk cache can do.
/// </summary>
internal static class BareTcpCopy
{
    public static async Task<long> CopyAsync(string source, string target, CancellationToken cancellationToken)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var serve = Task.Run(async () =>
        {
            using var socket = await listener.AcceptAsync(cancellationToken);
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            await using var file = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
            await file.CopyToAsync(stream, 256 * 1024, cancellationToken);
            socket.Shutdown(SocketShutdown.Send);
        }, cancellationToken);

        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync((IPEndPoint)listener.LocalEndPoint!, cancellationToken);
        await using var input = new NetworkStream(client, ownsSocket: false);
        await using var output = new FileStream(target, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous);
        await input.CopyToAsync(output, 256 * 1024, cancellationToken);
        await serve;
        return output.Length;
    }
}
