using System.Buffers;
using P2PSim.Protocol;
using P2PSim.Protocol.Messages;
using P2PSim.Protocol.Sessions;
using P2PSim.TestKit;
using P2PSim.Transport;
using P2PSim.Transport.Framing;

namespace P2PSim.Systematic.Tests.RealCode.Presence;

/// <summary>
/// A session client at byte level, like <see cref="RawSession"/> (whose frames it reuses), with no deadline at all:
/// <see cref="RawSession"/> bounds its reads with a timed <see cref="CancellationTokenSource"/>, a timer Coyote does
/// not control. The scenarios decide exactly which frames go out, from which task, and when the connection is cut.
/// </summary>
internal sealed class UntimedSession : IAsyncDisposable
{
    private readonly FrameReader _reader;

    private UntimedSession(IConnection connection)
    {
        Connection = connection;
        _reader = FrameReader.Pooled(connection.Stream, 4096, 1024 * 1024);
    }

    public IConnection Connection { get; }

    /// <summary>Connects, sends the hello and reads the terms (an assertion fails when the server declines).</summary>
    public static async Task<UntimedSession> OpenAsync(ITransport transport, TransportEndPoint server)
    {
        var session = new UntimedSession(await transport.ConnectAsync(server, CancellationToken.None));
        await session.WriteAsync(RawSession.Hello());
        var terms = await session._reader.ReadFrameAsync<int, SessionTerms?>(SessionHelloCodec.TryDecodeTerms, 0, CancellationToken.None);
        Expect.That(terms.Frame is not null, "the server declined the session");
        return session;
    }

    /// <summary>Writes <paramref name="bytes"/> in one write (frames from two tasks never interleave in memory).</summary>
    public async Task WriteAsync(byte[] bytes) => await Connection.Stream.WriteAsync(bytes, CancellationToken.None);

    /// <summary>The next frame, or null when the server closed the connection.</summary>
    public async Task<(SessionFrameKind Kind, uint Id, byte[] Body)?> ReadFrameAsync()
    {
        var read = await _reader.ReadFrameAsync<int, SessionFrame>(SessionFrameCodec.TryDecode, _reader.Limit, CancellationToken.None);
        return read.IsFrame ? (read.Frame.Kind, read.Frame.Id, read.Frame.Body.ToArray()) : null;
    }

    /// <summary>Sends one request and reads its reply, which must be the next frame.</summary>
    public async Task<DirectoryReply> SendAsync(uint id, DirectoryRequest request)
    {
        await WriteAsync(RawSession.Request(id, request));
        var frame = await ReadFrameAsync();
        Expect.That(frame is { Kind: SessionFrameKind.Reply } f && f.Id == id, $"request {id} ({request.Operation}) was answered by {Describe(frame)}");
        return DirectoryReplyDecoder.Decode(request.Operation, frame!.Value.Body);
    }

    public static string Describe((SessionFrameKind Kind, uint Id, byte[] Body)? frame) =>
        frame is { } f ? $"a {f.Kind} frame {f.Id}" : "the end of the connection";

    public async ValueTask DisposeAsync()
    {
        _reader.Dispose();
        await Connection.DisposeAsync();
    }
}
