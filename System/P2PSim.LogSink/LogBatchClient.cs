using System.Buffers;
using P2PSim.Rpc;
using P2PSim.Rpc.OncRpc;
using P2PSim.Rpc.Xdr;
using P2PSim.Transport;
using P2PSim.Transport.Framing;

namespace P2PSim.LogSink;

/// <summary>
/// One ONC-RPC connection to the log service, kept across batches and reopened after a failure. Used by the sink's
/// single sender task only, so it has no locking. One call in flight at a time: the reply must echo its xid.
/// </summary>
internal sealed class LogBatchClient(ITransport transport, TransportEndPoint endPoint)
{
    // A LOG_BATCH reply is a header, a verifier and one int; anything near this size is not a reply to us.
    private const int MaxReplyBytes = 1024;

    private IConnection? _connection;
    private FrameReader? _reader;
    private uint _xid;

    /// <summary>Sends one <c>LOG_BATCH</c> and returns the count the service accepted; throws on any failure.</summary>
    public async Task<int> SendBatchAsync(IReadOnlyList<LogEntry> entries, CancellationToken cancellationToken)
    {
        if (_connection is null)
        {
            _connection = await transport.ConnectAsync(endPoint, cancellationToken);
            // Bounded by MaxReplyBytes: TryReadRecord throws before a record outgrows it, but many tiny fragments
            // carry a header each, so the buffer is capped too.
            _reader = FrameReader.Pooled(_connection.Stream, 512, MaxReplyBytes * 4);
        }

        var stream = _connection.Stream;
        var xid = ++_xid;

        var arguments = new ArrayBufferWriter<byte>();
        LogEntry.EncodeBatch(new XdrWriter(arguments), entries);
        var message = new ArrayBufferWriter<byte>();
        RpcMessageCodec.WriteCall(message, new RpcCallMessage(
            xid, LogProgram.Program, LogProgram.Version, LogProgram.ProcedureLogBatch, OpaqueAuth.None, OpaqueAuth.None,
            arguments.WrittenMemory));
        var record = new ArrayBufferWriter<byte>();
        RecordMarking.WriteRecord(record, message.WrittenSpan);
        await stream.WriteAsync(record.WrittenMemory, cancellationToken);
        await stream.FlushAsync(cancellationToken);

        var reply = RpcMessageCodec.DecodeReply(await ReadRecordAsync(_reader!, cancellationToken));
        if (reply.Xid != xid)
        {
            throw new RpcProtocolException($"Reply xid {reply.Xid} does not match call xid {xid}.");
        }

        if (LogServiceMismatchException.Of(reply) is { } mismatch)
        {
            throw mismatch;
        }

        if (reply.Status != ReplyStatus.Accepted || reply.AcceptStatus != AcceptStatus.Success)
        {
            throw new RpcProtocolException($"LOG_BATCH failed: {reply.Status}/{reply.AcceptStatus}/{reply.RejectStatus}.");
        }

        if (reply.Results.Length != sizeof(int))
        {
            throw LogServiceMismatchException.ResultShape(reply.Results.Length);
        }

        return new XdrReader(reply.Results.Span).ReadInt32();
    }

    /// <summary>Resets the current connection without touching client state (safe while a call is running).</summary>
    public void Abort() => _connection?.Abort();

    /// <summary>Drops the connection (abortively, so a pending read ends) and any buffered bytes.</summary>
    public async ValueTask CloseAsync()
    {
        var connection = _connection;
        _connection = null;
        _reader?.Dispose();
        _reader = null;
        if (connection is not null)
        {
            connection.Abort();
            await connection.DisposeAsync();
        }
    }

    private static async Task<byte[]> ReadRecordAsync(FrameReader reader, CancellationToken cancellationToken)
    {
        var read = await reader.ReadFrameAsync<int, byte[]>(RecordMarking.TryReadRecord, MaxReplyBytes, cancellationToken);
        return read.Status switch
        {
            FrameStatus.Frame => read.Frame,
            FrameStatus.OverLimit => throw new RpcProtocolException("Reply too large."),
            _ => throw new IOException("The log service closed the connection."),
        };
    }
}
