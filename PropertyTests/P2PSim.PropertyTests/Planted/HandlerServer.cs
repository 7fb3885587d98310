using System.Buffers;
using P2PSim.DirectoryServer.Registry;
using P2PSim.PropertyTests.Support;
using P2PSim.Protocol;
using P2PSim.Protocol.Messages;
using P2PSim.Transport;

namespace P2PSim.PropertyTests.Planted;

/// <summary>
/// A test-only server for <see cref="PlantedHandler"/>s: the same wire path as the product's session (one request,
/// decode, handle, one reply in the configured encoding, close; malformed requests get the operation's "other
/// error" code) on the product's <see cref="ConnectionDispatcher"/>, with the handler in place of the service.
/// </summary>
internal sealed class HandlerServer : IServerUnderTest
{
    // Larger than the largest valid request (about 830 bytes with every field at its limit).
    private const int MaxRequestBytes = 4096;

    private readonly IConnectionListener _listener;
    private readonly PlantedHandler _handler;
    private readonly ResultEncoding _encoding;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _run;

    private HandlerServer(IConnectionListener listener, PlantedHandler handler, ResultEncoding encoding)
    {
        (_listener, _handler, _encoding) = (listener, handler, encoding);
        _run = new ConnectionDispatcher(64, ServeAsync).RunAsync(listener, TimeSpan.FromSeconds(2), _stopping.Token);
    }

    public TransportEndPoint EndPoint => _listener.LocalEndPoint;

    /// <summary>Servers running a fresh <paramref name="create"/>() each.</summary>
    public static ServerFactory Factory(Func<PlantedHandler> create) => async (transport, bindAt, encoding) =>
        new HandlerServer(await transport.BindAsync(bindAt), create(), encoding);

    public ValueTask<IReadOnlyList<RegisteredUser>> SnapshotAsync() => new(_handler.Registry.Snapshot());

    public async ValueTask DisposeAsync()
    {
        _stopping.Cancel();
        await _run;
        await _listener.DisposeAsync();
        _stopping.Dispose();
    }

    private async Task ServeAsync(IConnection connection, CancellationToken abort)
    {
        await using (connection)
        {
            var buffer = new byte[MaxRequestBytes];
            var filled = 0;
            var reply = new ArrayBufferWriter<byte>(256);
            while (filled < buffer.Length)
            {
                var read = await connection.Stream.ReadAsync(buffer.AsMemory(filled), abort);
                if (read == 0)
                {
                    return;
                }

                filled += read;
                try
                {
                    var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(buffer, 0, filled));
                    if (!DirectoryRequestDecoder.TryDecode(ref reader, FieldLimits.Classic, out var request))
                    {
                        continue;
                    }

                    DirectoryReplyEncoder.Encode(await _handler.HandleAsync(request!, connection.RemoteEndPoint.Host), _encoding, reply);
                }
                catch (ProtocolException e) when (e.Operation is { } operation)
                {
                    DirectoryReplyEncoder.Encode(new DirectoryReply(operation, operation.OtherErrorCode()), _encoding, reply);
                }
                catch (ProtocolException)
                {
                    DirectoryReplyEncoder.EncodeUnknownOperation(_encoding, reply);
                }

                await connection.Stream.WriteAsync(reply.WrittenMemory, abort);
                return;
            }
        }
    }
}
