using System.Buffers;
using P2PSim.Rpc;
using P2PSim.Rpc.OncRpc;
using P2PSim.Rpc.Xdr;
using P2PSim.Transport;

namespace P2PSim.LogSink.Tests;

/// <summary>
/// A minimal ONC-RPC log service over any <see cref="ITransport"/>, built from the production codecs: decodes
/// LOG_BATCH, records every entry it receives (duplicates included) and can be stopped, restarted, stalled or made to
/// reply garbage.
/// </summary>
internal sealed class FakeLogServer(ITransport transport, TransportEndPoint endPoint) : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly List<LogEntry> _received = [];
    private readonly List<int> _batchSizes = [];
    private readonly List<IConnection> _connections = [];
    private IConnectionListener? _listener;
    private Task? _acceptLoop;
    private CancellationTokenSource? _stop;
    private volatile FakeLogServerMode _mode;
    private int _accepted;

    public TransportEndPoint EndPoint { get; private set; } = endPoint;

    /// <summary>Connections accepted since the server was created.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    public FakeLogServerMode Mode
    {
        get => _mode;
        set => _mode = value;
    }

    public async Task StartAsync()
    {
        _listener = await transport.BindAsync(EndPoint);
        EndPoint = _listener.LocalEndPoint;
        _stop = new CancellationTokenSource();
        _acceptLoop = AcceptLoopAsync(_listener, _stop.Token);
    }

    /// <summary>Stops listening and resets every open connection.</summary>
    public async Task StopAsync()
    {
        if (_listener is null)
        {
            return;
        }

        // Disposing the listener ends the accept loop (AcceptAsync returns null); the token ends the sessions.
        await _listener.DisposeAsync();
        await _acceptLoop!;
        _stop!.Cancel();
        IConnection[] open;
        lock (_gate)
        {
            open = [.. _connections];
            _connections.Clear();
        }

        foreach (var connection in open)
        {
            connection.Abort();
        }

        _listener = null;
        _stop.Dispose();
    }

    public IReadOnlyList<LogEntry> Received()
    {
        lock (_gate)
        {
            return [.. _received];
        }
    }

    /// <summary>The entry count of every LOG_BATCH call received, in order.</summary>
    public IReadOnlyList<int> BatchSizes()
    {
        lock (_gate)
        {
            return [.. _batchSizes];
        }
    }

    /// <summary>The log as a deduplicating service would write it: first copy of each (sender, sequence).</summary>
    public IReadOnlyList<LogEntry> Deduplicated()
    {
        var seen = new HashSet<(string, ulong)>();
        return Received().Where(e => seen.Add((e.Sender, e.Sequence))).ToList();
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task AcceptLoopAsync(IConnectionListener listener, CancellationToken token)
    {
        while (await listener.AcceptAsync() is { } connection)
        {
            Interlocked.Increment(ref _accepted);
            lock (_gate)
            {
                _connections.Add(connection);
            }

            _ = ServeAsync(connection, token);
        }
    }

    private async Task ServeAsync(IConnection connection, CancellationToken token)
    {
        var buffer = new byte[64 * 1024];
        var buffered = 0;
        try
        {
            while (true)
            {
                var read = await connection.Stream.ReadAsync(buffer.AsMemory(buffered), token);
                if (read == 0)
                {
                    return;
                }

                buffered += read;
                while (TryTakeRecord(buffer, ref buffered, out var record))
                {
                    await HandleAsync(connection.Stream, record, token);
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // Connection reset or server stopped.
        }
        finally
        {
            await connection.DisposeAsync();
        }
    }

    private static bool TryTakeRecord(byte[] buffer, ref int buffered, out byte[] record)
    {
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(buffer, 0, buffered));
        if (!RecordMarking.TryReadRecord(ref reader, buffer.Length, out record))
        {
            return false;
        }

        var consumed = (int)reader.Consumed;
        buffer.AsSpan(consumed, buffered - consumed).CopyTo(buffer);
        buffered -= consumed;
        return true;
    }

    private async Task HandleAsync(Stream stream, byte[] record, CancellationToken token)
    {
        var mode = Mode;
        if (mode == FakeLogServerMode.Stall)
        {
            return;
        }

        var call = RpcMessageCodec.DecodeCall(record);
        if (Mismatch(mode, call.Xid) is { } mismatch)
        {
            await ReplyAsync(stream, mismatch, token);
            return;
        }

        Assert.Equal(LogProgram.Program, call.Program);
        Assert.Equal(LogProgram.ProcedureLogBatch, call.Procedure);
        var reader = new XdrReader(call.Arguments.Span);
        var entries = LogEntry.DecodeBatch(ref reader);
        lock (_gate)
        {
            _received.AddRange(entries);
            _batchSizes.Add(entries.Count);
        }

        if (mode == FakeLogServerMode.Close)
        {
            throw new IOException("closing without a reply");
        }

        var message = new ArrayBufferWriter<byte>();
        var results = new ArrayBufferWriter<byte>();
        new XdrWriter(results).WriteInt32(entries.Count);
        switch (mode)
        {
            case FakeLogServerMode.Garbage:
                message.Write("not an rpc reply"u8);
                break;
            case FakeLogServerMode.WrongXid:
                RpcMessageCodec.WriteReply(message, RpcReplyMessage.Success(call.Xid + 1, results.WrittenMemory));
                break;
            case FakeLogServerMode.SystemError:
                RpcMessageCodec.WriteReply(message, RpcReplyMessage.SystemError(call.Xid));
                break;
            case FakeLogServerMode.TrailingBytes:
                new XdrWriter(results).WriteInt32(0);
                RpcMessageCodec.WriteReply(message, RpcReplyMessage.Success(call.Xid, results.WrittenMemory));
                break;
            case FakeLogServerMode.LargeVerifier:
                var verifier = new OpaqueAuth(AuthFlavor.Sys, new byte[OpaqueAuth.MaxBodyBytes]);
                RpcMessageCodec.WriteReply(message, RpcReplyMessage.Success(call.Xid, results.WrittenMemory, verifier));
                break;
            default:
                RpcMessageCodec.WriteReply(message, RpcReplyMessage.Success(call.Xid, results.WrittenMemory));
                break;
        }

        await WriteRecordAsync(stream, message, token);
    }

    /// <summary>The reply of a service that is not P2PSim's log program, for the modes that play one.</summary>
    private static RpcReplyMessage? Mismatch(FakeLogServerMode mode, uint xid) => mode switch
    {
        FakeLogServerMode.ProgramUnavailable => RpcReplyMessage.ProgramUnavailable(xid),
        FakeLogServerMode.ProgramMismatch => RpcReplyMessage.ProgramMismatch(xid, 2, 3),
        FakeLogServerMode.ProcedureUnavailable => RpcReplyMessage.ProcedureUnavailable(xid),
        FakeLogServerMode.GarbageArguments => RpcReplyMessage.GarbageArguments(xid),
        FakeLogServerMode.RpcMismatch => RpcReplyMessage.RpcMismatch(xid, 3, 4),
        FakeLogServerMode.AuthError => RpcReplyMessage.AuthError(xid, AuthStatus.TooWeak),
        _ => null,
    };

    private static async Task ReplyAsync(Stream stream, RpcReplyMessage reply, CancellationToken token)
    {
        var message = new ArrayBufferWriter<byte>();
        RpcMessageCodec.WriteReply(message, reply);
        await WriteRecordAsync(stream, message, token);
    }

    private static async Task WriteRecordAsync(Stream stream, ArrayBufferWriter<byte> message, CancellationToken token)
    {
        var output = new ArrayBufferWriter<byte>();
        RecordMarking.WriteRecord(output, message.WrittenSpan);
        await stream.WriteAsync(output.WrittenMemory, token);
    }
}
