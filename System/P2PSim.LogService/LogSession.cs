using System.Buffers;
using Microsoft.Extensions.Logging;
using P2PSim.Rpc;
using P2PSim.Rpc.OncRpc;
using P2PSim.Transport;

namespace P2PSim.LogService;

/// <summary>
/// One TCP connection: records (RFC 5531 §11) in, one reply record per call out, for as long as the client keeps
/// the connection. Bad framing, a record over the bound or a record that is not a call closes the connection.
/// Buffered input stays under the record bound plus <see cref="HeaderSlack"/> for fragment headers.
/// </summary>
internal sealed class LogSession(IConnection connection, LogRpcDispatcher dispatcher, LogServerOptions options, ILogger logger)
{
    private const int HeaderSlack = 64 * 1024;
    private const int InitialBufferBytes = 4 * 1024;

    public async Task RunAsync(CancellationToken stopping)
    {
        var remote = connection.RemoteEndPoint.ToString();
        var limit = options.MaxRecordBytes + HeaderSlack;
        var buffer = new byte[Math.Min(InitialBufferBytes, limit)];
        var filled = 0;
        var output = new ArrayBufferWriter<byte>(256);
        var idleLimit = options.IdleTimeout;
        using var idle = idleLimit == Timeout.InfiniteTimeSpan ? new CancellationTokenSource() : new CancellationTokenSource(idleLimit, options.TimeProvider);
        // No idle limit: no linked source. Disposing a linked source waits for a cancellation callback of `stopping`
        // that may be running on another thread, which Coyote's systematic tests cannot schedule (a false hang).
        using var linked = idleLimit == Timeout.InfiniteTimeSpan ? null : CancellationTokenSource.CreateLinkedTokenSource(stopping, idle.Token);
        var token = linked?.Token ?? stopping;
        try
        {
            while (true)
            {
                if (filled == buffer.Length)
                {
                    if (buffer.Length >= limit)
                    {
                        Log.BadFraming(logger, connection.Id, remote, "too many fragment headers");
                        return;
                    }

                    Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, limit));
                }

                var read = await connection.Stream.ReadAsync(buffer.AsMemory(filled), token);
                if (read == 0)
                {
                    return; // the client is done (a partial record left behind is dropped)
                }

                if (idleLimit != Timeout.InfiniteTimeSpan)
                {
                    idle.CancelAfter(idleLimit); // input arrived: the idle clock starts again
                }

                filled += read;
                var consumed = 0;
                while (TryTakeRecord(buffer.AsMemory(consumed, filled - consumed), out var record, out var length))
                {
                    consumed += length;
                    var reply = dispatcher.HandleMessage(record);
                    if (reply is null)
                    {
                        Log.NotACall(logger, connection.Id, remote);
                        return;
                    }

                    output.ResetWrittenCount();
                    RecordMarking.WriteRecord(output, reply);
                    await connection.Stream.WriteAsync(output.WrittenMemory, token);
                }

                if (consumed > 0)
                {
                    buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                    filled -= consumed;
                }
            }
        }
        catch (RpcProtocolException e)
        {
            Log.BadFraming(logger, connection.Id, remote, e.Message);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Server stopping: drop the connection.
        }
        catch (OperationCanceledException) when (idle.IsCancellationRequested)
        {
            Log.IdleClosed(logger, connection.Id, remote, idleLimit);
        }
        catch (IOException e)
        {
            Log.ConnectionFailed(logger, connection.Id, remote, e.Message);
        }
        finally
        {
            await connection.DisposeAsync();
        }
    }

    private bool TryTakeRecord(ReadOnlyMemory<byte> input, out byte[] record, out int length)
    {
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(input));
        var complete = RecordMarking.TryReadRecord(ref reader, options.MaxRecordBytes, out record);
        length = (int)reader.Consumed;
        return complete;
    }
}
