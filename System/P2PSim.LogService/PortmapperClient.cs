using System.Buffers;
using P2PSim.Rpc;
using P2PSim.Rpc.OncRpc;
using P2PSim.Rpc.Xdr;
using P2PSim.Transport;
using P2PSim.Transport.Framing;
using P2PSim.Transport.Timing;

namespace P2PSim.LogService;

/// <summary>
/// Registers a program with the portmapper / rpcbind (RFC 1833 version 2: program 100000, version 2,
/// <c>PMAPPROC_SET = 1</c> and <c>PMAPPROC_UNSET = 2</c>, argument <c>struct mapping { prog, vers, prot, port }</c>,
/// result a <c>bool</c>) over TCP with record marking. Best effort: when nothing answers, the methods return false
/// within the timeout instead of throwing, and the service goes on at its fixed port.
/// </summary>
public sealed class PortmapperClient
{
    /// <summary>The portmapper program number.</summary>
    public const uint Program = 100000;

    /// <summary>The portmapper protocol version spoken here.</summary>
    public const uint Version = 2;

    /// <summary><c>PMAPPROC_SET</c>.</summary>
    public const uint ProcedureSet = 1;

    /// <summary><c>PMAPPROC_UNSET</c>.</summary>
    public const uint ProcedureUnset = 2;

    /// <summary>The portmapper's well-known port.</summary>
    public const int DefaultPort = 111;

    private const int MaxReplyBytes = 4096;

    // Stryker disable once Bitwise : any first xid works; a reply only has to echo it
    private static int s_nextXid = Environment.ProcessId << 12;

    private readonly ITransport _transport;
    private readonly TransportEndPoint _endPoint;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _timeProvider;

    /// <summary>
    /// Creates a client of the portmapper at <paramref name="endPoint"/> (default 127.0.0.1:111) over
    /// <paramref name="transport"/> (the host's choice: TCP in the executable, in memory in tests), giving up after
    /// <paramref name="timeout"/> (default 1 s) as measured by <paramref name="timeProvider"/> (default the system
    /// clock).
    /// </summary>
    public PortmapperClient(
        ITransport transport, TransportEndPoint? endPoint = null, TimeSpan? timeout = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(transport);
        _timeProvider = timeProvider ?? TimeProvider.System;
        _transport = transport;
        _endPoint = endPoint ?? new TransportEndPoint("127.0.0.1", DefaultPort);
        _timeout = timeout ?? TimeSpan.FromSeconds(1);
    }

    /// <summary>
    /// <c>PMAPPROC_SET</c>: maps (<paramref name="program"/>, <paramref name="version"/>, <paramref name="protocol"/>)
    /// to <paramref name="port"/>. True when the portmapper accepted; false when it refused, did not answer, or
    /// nothing listens.
    /// </summary>
    public Task<bool> TryRegisterAsync(
        uint program, uint version, PortmapperProtocol protocol, int port, CancellationToken cancellationToken = default) =>
        CallAsync(ProcedureSet, program, version, (uint)protocol, (uint)port, cancellationToken);

    /// <summary>
    /// <c>PMAPPROC_UNSET</c>: removes every mapping of (<paramref name="program"/>, <paramref name="version"/>);
    /// the protocol and port fields are ignored by the portmapper and sent as 0. Same result rules as
    /// <see cref="TryRegisterAsync"/>.
    /// </summary>
    public Task<bool> TryUnregisterAsync(uint program, uint version, CancellationToken cancellationToken = default) =>
        CallAsync(ProcedureUnset, program, version, 0, 0, cancellationToken);

    /// <summary>The call record (header and message) for one SET/UNSET, as sent on TCP.</summary>
    internal static byte[] BuildCallRecord(uint xid, uint procedure, uint program, uint version, uint protocol, uint port)
    {
        var arguments = new ArrayBufferWriter<byte>(16);
        var writer = new XdrWriter(arguments);
        writer.WriteUInt32(program);
        writer.WriteUInt32(version);
        writer.WriteUInt32(protocol);
        writer.WriteUInt32(port);
        var message = new ArrayBufferWriter<byte>(64);
        RpcMessageCodec.WriteCall(
            message,
            new RpcCallMessage(xid, Program, Version, procedure, OpaqueAuth.None, OpaqueAuth.None, arguments.WrittenMemory));
        // Stryker disable once Arithmetic : the record buffer's initial capacity only; it grows as needed
        var record = new ArrayBufferWriter<byte>(message.WrittenCount + 4);
        RecordMarking.WriteRecord(record, message.WrittenSpan);
        return record.WrittenSpan.ToArray();
    }

    private async Task<bool> CallAsync(
        uint procedure, uint program, uint version, uint protocol, uint port, CancellationToken cancellationToken)
    {
        var xid = unchecked((uint)Interlocked.Increment(ref s_nextXid));
        using var linked = new LinkedDeadline(_timeout, _timeProvider, cancellationToken);
        try
        {
            var connection = await _transport.ConnectAsync(_endPoint, linked.Token);
            await using (connection)
            {
                await connection.Stream.WriteAsync(BuildCallRecord(xid, procedure, program, version, protocol, port), linked.Token);
                var reply = await ReadReplyAsync(connection.Stream, linked.Token);
                if (reply is null)
                {
                    return false;
                }

                return ReadSetResult(reply, xid);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false; // timed out
        }
        catch (Exception e) when (e is IOException or RpcProtocolException)
        {
            return false; // nothing listens, the connection broke, or the answer made no sense
        }
    }

    /// <summary>
    /// The result of a SET/UNSET from its reply message (the record's payload): the portmapper's bool when the reply
    /// answers <paramref name="xid"/> and was accepted, false otherwise. Throws <see cref="RpcProtocolException"/>
    /// for bytes that are no reply.
    /// </summary>
    internal static bool ReadSetResult(ReadOnlySpan<byte> reply, uint xid)
    {
        var decoded = RpcMessageCodec.DecodeReply(reply);
        if (decoded.Xid != xid || decoded.Status != ReplyStatus.Accepted || decoded.AcceptStatus != AcceptStatus.Success)
        {
            return false;
        }

        var reader = new XdrReader(decoded.Results.Span);
        return reader.ReadBoolean();
    }

    private static async Task<byte[]?> ReadReplyAsync(Stream stream, CancellationToken cancellationToken)
    {
        // Null for a reply that does not fit (or never ends): the portmapper is best effort, like its absence.
        using var reader = new FrameReader(stream, new byte[MaxReplyBytes + 64], MaxReplyBytes + 64);
        var read = await reader.ReadFrameAsync<int, byte[]>(RecordMarking.TryReadRecord, MaxReplyBytes, cancellationToken);
        // Stryker disable once Conditional : a read that is not a frame carries no frame (null), so both give null
        return read.IsFrame ? read.Frame : null;
    }
}
