using System.Buffers;
using P2PSim.Rpc.OncRpc;

namespace P2PSim.LogService.Tests;

/// <summary>A tiny ONC-RPC client over a stream: one record out, one reply record in.</summary>
internal sealed class RpcStreamClient(Stream stream)
{
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _filled;

    public async Task<RpcReplyMessage> CallAsync(RpcCallMessage call)
    {
        await stream.WriteAsync(RpcCalls.Record(call));
        var reply = await ReadRecordAsync() ?? throw new IOException("The server closed the connection.");
        return RpcMessageCodec.DecodeReply(reply);
    }

    /// <summary>Reads one record; null at end of stream (the server closed).</summary>
    public async Task<byte[]?> ReadRecordAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            if (TryTake(out var record))
            {
                return record;
            }

            int read;
            try
            {
                read = await stream.ReadAsync(_buffer.AsMemory(_filled), timeout.Token);
            }
            catch (IOException)
            {
                return null; // a reset is a close too
            }

            if (read == 0)
            {
                return null;
            }

            _filled += read;
        }
    }

    private bool TryTake(out byte[] record)
    {
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(_buffer, 0, _filled));
        if (!RecordMarking.TryReadRecord(ref reader, _buffer.Length, out record))
        {
            return false;
        }

        var consumed = (int)reader.Consumed;
        _buffer.AsSpan(consumed, _filled - consumed).CopyTo(_buffer);
        _filled -= consumed;
        return true;
    }
}
