using System.Text;
using P2PSim.Protocol;
using P2PSim.Protocol.Messages;
using P2PSim.Transport;
using P2PSim.Transport.Tcp;

namespace P2PSim.TestKit;

/// <summary>
/// A classic client at byte level, below <c>DirectoryClient</c>, so tests control exactly what is sent: one
/// connection per operation, the request written in the pieces given, the reply read until the server closes.
/// </summary>
public sealed class RawClassicClient(ITransport transport, TransportEndPoint server, RawExchangeOptions? options = null)
{
    private readonly RawExchangeOptions _options = options ?? RawExchangeOptions.Default;

    /// <summary>A client of a server on 127.0.0.1:<paramref name="port"/> over real TCP (a server process, say).</summary>
    public static RawClassicClient Loopback(int port) => new(TcpTransport.Instance, new TransportEndPoint("127.0.0.1", port));

    /// <summary>Encodes <paramref name="request"/>, sends it and decodes the reply.</summary>
    public async Task<DirectoryReply> SendAsync(DirectoryRequest request) =>
        DirectoryReplyDecoder.Decode(request.Operation, await SendBytesAsync(DirectoryRequestEncoder.ToArray(request)));

    /// <summary>Sends <paramref name="request"/> as ASCII (fields already terminated) and returns the reply as ASCII.</summary>
    public async Task<string> SendTextAsync(string request) =>
        Encoding.ASCII.GetString(await SendBytesAsync(Encoding.ASCII.GetBytes(request)));

    /// <summary>Sends <paramref name="pieces"/> one write each, then reads the reply until the server closes.</summary>
    public async Task<byte[]> SendBytesAsync(params IReadOnlyList<byte[]> pieces)
    {
        using var timeout = _options.Timeout is { } limit ? new CancellationTokenSource(limit) : null;
        var cancellationToken = timeout?.Token ?? CancellationToken.None;
        await using var connection = await transport.ConnectAsync(server, cancellationToken);
        for (var i = 0; i < pieces.Count; i++)
        {
            if (i > 0 && _options.PauseBetweenPieces > TimeSpan.Zero)
            {
                await Task.Delay(_options.PauseBetweenPieces, cancellationToken);
            }

            await connection.Stream.WriteAsync(pieces[i], cancellationToken);
            await connection.Stream.FlushAsync(cancellationToken);
        }

        if (_options.HalfCloseAfterRequest)
        {
            connection.ShutdownOutput();
        }

        return await ReadToEndAsync(connection.Stream, cancellationToken);
    }

    /// <summary>Reads <paramref name="stream"/> until the other end closes it.</summary>
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
