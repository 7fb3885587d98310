using P2PSim.Protocol;
using P2PSim.Protocol.Messages;
using P2PSim.Transport;

namespace P2PSim.DirectoryServer.Tests;

/// <summary>A classic one-connection-per-operation client at byte level, so tests control exactly what is sent.</summary>
internal sealed class RawClient(ITransport transport, TransportEndPoint server)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public async Task<DirectoryReply> SendAsync(DirectoryRequest request) =>
        DirectoryReplyDecoder.Decode(request.Operation, await SendBytesAsync(DirectoryRequestEncoder.ToArray(request)));

    /// <summary>Sends <paramref name="chunks"/> one write each, then reads the reply until the server closes.</summary>
    public async Task<byte[]> SendBytesAsync(params byte[][] chunks)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        await using var connection = await transport.ConnectAsync(server, timeout.Token);
        foreach (var chunk in chunks)
        {
            await connection.Stream.WriteAsync(chunk, timeout.Token);
            await connection.Stream.FlushAsync(timeout.Token);
        }

        return await ReadToEndAsync(connection.Stream, timeout.Token);
    }

    public static async Task<byte[]> ReadToEndAsync(Stream stream, CancellationToken cancellationToken)
    {
        var reply = new MemoryStream();
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                reply.Write(buffer, 0, read);
            }
        }
        catch (IOException) when (reply.Length > 0)
        {
            // A reset after the reply still delivered the reply.
        }

        return reply.ToArray();
    }
}
