using System.Buffers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using P2PSim.Protocol;
using P2PSim.Protocol.Messages;
using P2PSim.Transport;
using P2PSim.Transport.Framing;
using P2PSim.Transport.Timing;

namespace P2PSim.Peer;

/// <summary>
/// Talks to the directory server the classic way (spec §1): one connection per operation — connect, write the
/// request, read the reply to end of stream, decode. Accepts every classic reply variant. Network failures and
/// timeouts throw <see cref="DirectoryUnavailableException"/>; a malformed reply throws <see cref="ProtocolException"/>;
/// the caller's cancellation throws <see cref="OperationCanceledException"/>. One instance may be used by several
/// tasks at once.
/// <para>
/// With <see cref="UseSessions"/>, the client opens one persistent session (docs/sessions.md) on first use and sends
/// every request on it; a classic server declines the hello, and the client goes on the classic way. A session that
/// ends is opened again on the next call, logged in again when it was (<see cref="LoginAsync"/>). A user this client
/// CONNECTed over a session is kept present: when the session is lost, the client opens a new one and CONNECTs
/// again at once, within the server's grace period (<see cref="TrackPresence"/>, docs/sessions.md §7).
/// </para>
/// </summary>
public sealed partial class DirectoryClient : IAsyncDisposable
{
    /// <summary>Default bound on a whole reply: far above any real user or file list, far below memory trouble.</summary>
    public const int DefaultMaxReplyBytes = 64 * 1024 * 1024;

    private readonly ITransport _transport;
    private readonly Func<CancellationToken, ValueTask<string?>>? _timestamps;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <param name="transport">How to reach the server.</param>
    /// <param name="server">The directory server's address.</param>
    /// <param name="timestamps">
    /// Source of the part-2 timestamp sent before each operation (the time service); null sends none (part 1).
    /// It may return null to send none for one operation.
    /// </param>
    /// <param name="timeout">
    /// Bound on one whole operation, connect to last reply byte; 10 s by default. <see cref="System.Threading.Timeout.InfiniteTimeSpan"/>
    /// disables it (systematic tests, where the caller's token bounds the wait).
    /// </param>
    /// <param name="logger">Diagnostics.</param>
    /// <param name="timeProvider">Clock for timeouts and local timestamps; a fake one in tests.</param>
    public DirectoryClient(
        ITransport transport,
        TransportEndPoint server,
        Func<CancellationToken, ValueTask<string?>>? timestamps = null,
        TimeSpan? timeout = null,
        ILogger? logger = null,
        TimeProvider? timeProvider = null)
    {
        _transport = transport;
        Server = server;
        _timestamps = timestamps;
        Timeout = timeout ?? TimeSpan.FromSeconds(10);
        _logger = logger ?? NullLogger.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Whether to use a session when the server offers one (negotiated on first use); classic only by default.</summary>
    public bool UseSessions { get; init; }

    /// <summary>The directory server's address.</summary>
    public TransportEndPoint Server { get; }

    /// <summary>Bound on one whole operation.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>Largest reply accepted; a longer one is a <see cref="ProtocolException"/>.</summary>
    public int MaxReplyBytes { get; init; } = DefaultMaxReplyBytes;

    public Task<DirectoryReply> RegisterAsync(string user, CancellationToken cancellationToken = default) =>
        StampAndSendAsync(Operation.Register, dt => new RegisterRequest(dt, user), cancellationToken);

    public Task<DirectoryReply> UnregisterAsync(string user, CancellationToken cancellationToken = default) =>
        StampAndSendAsync(Operation.Unregister, dt => new UnregisterRequest(dt, user), cancellationToken);

    /// <summary>CONNECT: <paramref name="port"/> is where this peer serves files; the server takes the IP it sees.</summary>
    public Task<DirectoryReply> ConnectAsync(string user, int port, CancellationToken cancellationToken = default) =>
        StampAndSendAsync(Operation.Connect, dt => new ConnectRequest(dt, user, port), cancellationToken);

    public Task<DirectoryReply> DisconnectAsync(string user, CancellationToken cancellationToken = default) =>
        StampAndSendAsync(Operation.Disconnect, dt => new DisconnectRequest(dt, user), cancellationToken);

    public Task<DirectoryReply> PublishAsync(string user, string fileName, string description, CancellationToken cancellationToken = default) =>
        StampAndSendAsync(Operation.Publish, dt => new PublishRequest(dt, user, fileName, description), cancellationToken);

    public Task<DirectoryReply> DeleteAsync(string user, string fileName, CancellationToken cancellationToken = default) =>
        StampAndSendAsync(Operation.Delete, dt => new DeleteRequest(dt, user, fileName), cancellationToken);

    /// <summary>LIST_USERS as <paramref name="user"/>: on 0, <see cref="DirectoryReply.Users"/> holds the connected users.</summary>
    public Task<DirectoryReply> ListUsersAsync(string user, CancellationToken cancellationToken = default) =>
        StampAndSendAsync(Operation.ListUsers, dt => new ListUsersRequest(dt, user), cancellationToken);

    /// <summary>LIST_CONTENT as <paramref name="user"/>: on 0, <see cref="DirectoryReply.Files"/> holds <paramref name="remoteUser"/>'s files.</summary>
    public Task<DirectoryReply> ListContentAsync(string user, string remoteUser, CancellationToken cancellationToken = default) =>
        StampAndSendAsync(Operation.ListContent, dt => new ListContentRequest(dt, user, remoteUser), cancellationToken);

    /// <summary>
    /// FIND_SOURCES as <paramref name="user"/> (P2PSim extension): on 0, <see cref="DirectoryReply.Users"/> holds the
    /// connected users publishing <paramref name="fileName"/>. A classic server answers -1 (unknown operation).
    /// </summary>
    public Task<DirectoryReply> FindSourcesAsync(string user, string fileName, CancellationToken cancellationToken = default) =>
        StampAndSendAsync(Operation.FindSources, dt => new FindSourcesRequest(dt, user, fileName), cancellationToken);

    /// <summary>SEARCH as <paramref name="user"/> (P2PSim extension): on 0, <see cref="DirectoryReply.Hits"/> holds the matches.</summary>
    public Task<DirectoryReply> SearchAsync(string user, string text, int maxResults, CancellationToken cancellationToken = default) =>
        StampAndSendAsync(Operation.Search, dt => new SearchRequest(dt, user, text, maxResults), cancellationToken);

    /// <summary>Sends <paramref name="request"/> exactly as given (its timestamp, if any, included) and decodes the reply.</summary>
    public Task<DirectoryReply> SendAsync(DirectoryRequest request, CancellationToken cancellationToken = default) =>
        ChangesPresence(request) ? SendInPresenceOrderAsync(request, cancellationToken) : SendOnceAsync(request, cancellationToken);

    private async Task<DirectoryReply> SendOnceAsync(DirectoryRequest request, CancellationToken cancellationToken)
    {
        if (UseSessions)
        {
            try
            {
                if (await SessionAsync(cancellationToken) is { } session)
                {
                    var answer = await session.SendAsync(request, cancellationToken);
                    Log.DirectoryReply(_logger, request.Operation.WireName(), request.User, answer.Code);
                    NotePresence(request, answer.Code);
                    return answer;
                }
            }
            catch (DirectoryUnavailableException e) when (e.Operation is null && e.Reason is { } reason)
            {
                throw Unavailable(request.Operation, reason, e); // named after the operation, as classic failures are
            }
        }

        var bytes = Encode(request);

        using var linked = new LinkedDeadline(Timeout, _timeProvider, cancellationToken);
        ReadOnlyMemory<byte>? reply;
        try
        {
            await using var connection = await _transport.ConnectAsync(Server, linked.Token);
            await connection.Stream.WriteAsync(bytes, linked.Token);
            reply = await BoundedRead.ReadToEndAsync(connection.Stream, MaxReplyBytes, linked.Token);
        }
        catch (OperationCanceledException e) when (linked.Expired && !cancellationToken.IsCancellationRequested)
        {
            throw Unavailable(request.Operation, $"did not answer within {Timeout.TotalSeconds:0.###} s", e);
        }
        catch (ConnectionRefusedException e)
        {
            throw Unavailable(request.Operation, "refused the connection (nothing is listening there)", e);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            throw Unavailable(request.Operation, $"failed during the exchange ({e.Message})", e);
        }

        if (reply is not { } body)
        {
            throw new ProtocolException($"The reply from {Server} is larger than {MaxReplyBytes} bytes.", request.Operation);
        }

        var decoded = DirectoryReplyDecoder.Decode(request.Operation, body.Span);
        Log.DirectoryReply(_logger, request.Operation.WireName(), request.User, decoded.Code);
        return decoded;
    }

    private async Task<DirectoryReply> StampAndSendAsync(
        Operation operation, Func<string?, DirectoryRequest> build, CancellationToken cancellationToken)
    {
        var timestamp = await GetTimestampAsync(operation, cancellationToken);
        return await SendAsync(build(timestamp), cancellationToken);
    }

    /// <summary>
    /// Asks the timestamp source, within the operation timeout. When the source fails, hangs or returns something
    /// that is not <c>DD/MM/YYYY HH:MM:SS</c>, the client stamps locally and says so (spec §6): an ill-formed stamp
    /// would be read by the server as the user name.
    /// </summary>
    private async Task<string?> GetTimestampAsync(Operation operation, CancellationToken cancellationToken)
    {
        if (_timestamps is null)
        {
            return null;
        }

        using var linked = new LinkedDeadline(Timeout, _timeProvider, cancellationToken);
        string reason;
        try
        {
            var stamp = await _timestamps(linked.Token);
            if (stamp is null || Timestamp.IsTimestamp(stamp))
            {
                return stamp;
            }

            reason = $"it returned '{stamp}', not DD/MM/YYYY HH:MM:SS";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            reason = $"it did not answer within {Timeout.TotalSeconds:0.###} s";
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            reason = e.Message;
        }

        var local = Timestamp.ToWire(_timeProvider.GetLocalNow());
        Log.LocalTimestamp(_logger, operation.WireName(), reason, local);
        return local;
    }

    /// <summary>The request's bytes, refusing fields that would change its meaning on the wire; sessions send the same bytes.</summary>
    internal static ReadOnlyMemory<byte> Encode(DirectoryRequest request)
    {
        Validate(request);
        var buffer = new ArrayBufferWriter<byte>(128);
        DirectoryRequestEncoder.Encode(request, buffer);
        return buffer.WrittenMemory;
    }

    /// <summary>
    /// Refuses a request whose fields would change its meaning on the wire. Sessions call it before encoding the
    /// request straight into their outgoing frames, so it allocates nothing on the way through.
    /// </summary>
    /// <exception cref="ArgumentException">A field holds a NUL, a newline or a lone surrogate.</exception>
    internal static void Validate(DirectoryRequest request)
    {
        // A NUL or newline inside a field would end it early and shift every later field, and a lone surrogate has
        // no UTF-8 form (the encoder would send U+FFFD, so two different names would reach the server as one):
        // refuse rather than send a request that means something else.
        ValidateField(request, request.User);
        switch (request)
        {
            case PublishRequest p:
                ValidateField(request, p.FileName);
                ValidateField(request, p.Description);
                break;
            case DeleteRequest d:
                ValidateField(request, d.FileName);
                break;
            case ListContentRequest l:
                ValidateField(request, l.RemoteUser);
                break;
            case FindSourcesRequest f:
                ValidateField(request, f.FileName);
                break;
            case SearchRequest s:
                ValidateField(request, s.Text);
                break;
        }
    }

    private static void ValidateField(DirectoryRequest request, string field)
    {
        if (field.AsSpan().IndexOfAny('\0', '\n') >= 0)
        {
            throw new ArgumentException($"A {request.Operation.WireName()} field contains a NUL or newline.", nameof(request));
        }

        if (!IsWellFormedUtf16(field))
        {
            throw new ArgumentException($"A {request.Operation.WireName()} field contains a lone surrogate.", nameof(request));
        }
    }

    private static bool IsWellFormedUtf16(string field)
    {
        for (var i = 0; i < field.Length; i++)
        {
            if (char.IsHighSurrogate(field[i]) && i + 1 < field.Length && char.IsLowSurrogate(field[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(field[i]))
            {
                return false;
            }
        }

        return true;
    }

    private DirectoryUnavailableException Unavailable(Operation operation, string reason, Exception inner) =>
        new(Server, operation, reason, inner);
}
