using System.Buffers;
using P2PSim.Protocol;
using P2PSim.Protocol.Messages;
using P2PSim.Protocol.Sessions;
using P2PSim.Transport;
using P2PSim.Transport.Framing;

namespace P2PSim.TestKit;

/// <summary>
/// A session client at byte level, below <c>DirectorySessionClient</c>, so tests control exactly which frames go
/// out and when (several in one write, a frame over the limit, a reply sent the wrong way) and see every frame that
/// comes back. Every read is bounded by <see cref="Bounded.Default"/>.
/// </summary>
public sealed class RawSession : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly FrameReader _reader;
    // Null with RawExchangeOptions.Untimed: under Coyote a timed source is a timer it does not control.
    private readonly CancellationTokenSource? _timeout;

    private RawSession(IConnection connection, RawExchangeOptions? options)
    {
        _connection = connection;
        _reader = FrameReader.Pooled(connection.Stream, 4096, 16 * 1024 * 1024);
        var timeout = options is null ? Bounded.Default : options.Timeout;
        _timeout = timeout is { } bound ? new CancellationTokenSource(bound) : null;
    }

    private CancellationToken Token => _timeout?.Token ?? CancellationToken.None;

    /// <summary>The terms the server sent, once <see cref="OpenAsync"/> has read them.</summary>
    public SessionTerms? Terms { get; private set; }

    public IConnection Connection => _connection;

    /// <summary>
    /// Connects and sends <paramref name="first"/> (the hello, by default) without reading anything. Every read and
    /// write of the session is bounded by <paramref name="options"/>' timeout (<see cref="Bounded.Default"/> without
    /// options; none with <see cref="RawExchangeOptions.Untimed"/>).
    /// </summary>
    public static async Task<RawSession> ConnectAsync(
        ITransport transport, TransportEndPoint server, byte[]? first = null, RawExchangeOptions? options = null)
    {
        var session = new RawSession(await transport.ConnectAsync(server, CancellationToken.None), options);
        await session.WriteAsync(first ?? Hello());
        return session;
    }

    /// <summary>Connects, sends the hello and reads the terms (failing the test when the server declines).</summary>
    public static async Task<RawSession> OpenAsync(ITransport transport, TransportEndPoint server, RawExchangeOptions? options = null)
    {
        var session = await ConnectAsync(transport, server, options: options);
        var read = await session._reader.ReadFrameAsync<int, SessionTerms?>(SessionHelloCodec.TryDecodeTerms, 0, session.Token);
        session.Terms = read.Frame ?? throw new InvalidOperationException("The server declined the session.");
        return session;
    }

    public static byte[] Hello()
    {
        var output = new ArrayBufferWriter<byte>();
        SessionHelloCodec.WriteHello(output);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>One request frame's bytes.</summary>
    public static byte[] Request(uint id, DirectoryRequest request) => Frame(SessionFrameKind.Request, id, DirectoryRequestEncoder.ToArray(request));

    public static byte[] Frame(SessionFrameKind kind, uint id, ReadOnlySpan<byte> body)
    {
        var output = new ArrayBufferWriter<byte>();
        SessionFrameCodec.Write(output, kind, id, body);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Writes <paramref name="frames"/> together, in one write.</summary>
    public async Task WriteAsync(params byte[][] frames)
    {
        await _connection.Stream.WriteAsync(frames.SelectMany(f => f).ToArray(), Token);
    }

    /// <summary>The next frame, or null when the server closed the connection.</summary>
    public async Task<(SessionFrameKind Kind, uint Id, byte[] Body)?> ReadFrameAsync()
    {
        var read = await _reader.ReadFrameAsync<int, SessionFrame>(SessionFrameCodec.TryDecode, _reader.Limit, Token);
        return read.IsFrame ? (read.Frame.Kind, read.Frame.Id, read.Frame.Body.ToArray()) : null;
    }

    /// <summary>A frame as <see cref="ReadFrameAsync"/> returns it, for messages.</summary>
    public static string Describe((SessionFrameKind Kind, uint Id, byte[] Body)? frame) =>
        frame is { } f ? $"a {f.Kind} frame {f.Id}" : "the end of the connection";

    /// <summary>The next frame, which must be the reply to <paramref name="id"/>, decoded as a reply to <paramref name="operation"/>.</summary>
    public async Task<DirectoryReply> ReadReplyAsync(uint id, Operation operation)
    {
        var frame = await ReadFrameAsync() ?? throw new InvalidOperationException($"The server closed instead of answering request {id}.");
        if (frame.Kind != SessionFrameKind.Reply || frame.Id != id)
        {
            throw new InvalidOperationException($"Expected the reply to {id}, got {frame.Kind} {frame.Id}.");
        }

        return DirectoryReplyDecoder.Decode(operation, frame.Body);
    }

    /// <summary>One ACCOUNT or LOGIN frame's bytes.</summary>
    public static byte[] Account(uint id, AccountOperation operation, string user, string password)
    {
        var body = new ArrayBufferWriter<byte>();
        AccountCodec.Encode(new AccountRequest(operation, user, password), body);
        return Frame(SessionFrameKind.Request, id, body.WrittenSpan);
    }

    /// <summary>Sends ACCOUNT or LOGIN and reads its reply's code.</summary>
    public async Task<int> AccountAsync(uint id, AccountOperation operation, string user, string password)
    {
        await WriteAsync(Account(id, operation, user, password));
        return await ReadAccountReplyAsync(id);
    }

    /// <summary>The next frame, which must be the reply to <paramref name="id"/>, read as an account reply's code.</summary>
    public async Task<int> ReadAccountReplyAsync(uint id)
    {
        var frame = await ReadFrameAsync() ?? throw new InvalidOperationException($"The server closed instead of answering request {id}.");
        if (frame.Kind != SessionFrameKind.Reply || frame.Id != id)
        {
            throw new InvalidOperationException($"Expected the reply to {id}, got {frame.Kind} {frame.Id}.");
        }

        return AccountCodec.DecodeReply(frame.Body);
    }

    /// <summary>Sends one request and reads its reply.</summary>
    public async Task<DirectoryReply> SendAsync(uint id, DirectoryRequest request)
    {
        await WriteAsync(Request(id, request));
        return await ReadReplyAsync(id, request.Operation);
    }

    public async ValueTask DisposeAsync()
    {
        _reader.Dispose();
        await _connection.DisposeAsync();
        _timeout?.Dispose();
    }
}
