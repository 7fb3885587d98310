using System.Buffers;
using Microsoft.Extensions.Logging;
using P2PSim.Rpc;
using P2PSim.Rpc.OncRpc;
using P2PSim.Transport;
using P2PSim.Transport.Framing;
using P2PSim.Transport.Timing;

namespace P2PSim.LogService;

/// <summary>
/// One TCP connection: records (RFC 5531 §11) in, one reply record per call out, for as long as the client keeps
/// the connection. Bad framing, a record over the bound or a record that is not a call closes the connection.
/// Buffered input stays under the record bound plus <see cref="HeaderSlack"/> for fragment headers.
/// </summary>
internal sealed class LogSession(
    IConnection connection, ConnectionSlot slot, LogRpcDispatcher dispatcher, LogServerOptions options, ILogger logger)
{
    private const int HeaderSlack = 64 * 1024;
    private const int InitialBufferBytes = 4 * 1024;

    public async Task RunAsync(CancellationToken stopping)
    {
        var remote = connection.RemoteEndPoint.ToString();
        using var reader = FrameReader.Pooled(connection.Stream, InitialBufferBytes, options.MaxRecordBytes + HeaderSlack);
        var output = new ArrayBufferWriter<byte>(256);
        // Until its first record the connection has the request (header) timeout; then the idle timeout, which
        // starts again whenever input arrives.
        using var idle = new IdleTimeout(options.IdleTimeout, options.TimeProvider, stopping);
        using var first = new IdleTimeout(options.RequestTimeout, options.TimeProvider, stopping);
        var active = false;
        var token = first.Restart();
        try
        {
            while (true)
            {
                if (reader.TryRead<int, byte[]>(RecordMarking.TryReadRecord, options.MaxRecordBytes, out var record))
                {
                    if (!active)
                    {
                        if (!slot.TryActivate())
                        {
                            Log.ConnectionLimitReached(logger, $"{options.MaxConnections} connections", remote);
                            connection.Abort();
                            return;
                        }

                        active = true;
                        token = idle.Restart();
                    }

                    var reply = dispatcher.HandleMessage(record);
                    if (reply is null)
                    {
                        Log.NotACall(logger, connection.Id, remote);
                        return;
                    }

                    output.ResetWrittenCount();
                    RecordMarking.WriteRecord(output, reply);
                    await connection.Stream.WriteAsync(output.WrittenMemory, token);
                    continue;
                }

                if (reader.IsFull)
                {
                    Log.BadFraming(logger, connection.Id, remote, "too many fragment headers");
                    return;
                }

                if (await reader.FillAsync(token) == 0)
                {
                    return; // the client is done (a partial record left behind is dropped)
                }

                if (active)
                {
                    idle.Restart();
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
        catch (OperationCanceledException) when (idle.Expired)
        {
            Log.IdleClosed(logger, connection.Id, remote, options.IdleTimeout);
        }
        catch (OperationCanceledException) when (first.Expired)
        {
            Log.IdleClosed(logger, connection.Id, remote, options.RequestTimeout);
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
}
