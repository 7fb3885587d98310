using System.Buffers;
using P2PSim.LoadGen.Scenarios;

namespace P2PSim.LoadGen.Ceilings;

/// <summary>A kept connection to a <see cref="BarePipelinedServer"/>: fixed-size requests, one reply byte each.</summary>
internal sealed class BarePipelinedClient : PipelinedConnection
{
    protected override ValueTask<int> HandshakeAsync(int depth, CancellationToken cancellationToken) => ValueTask.FromResult(depth);

    protected override void WriteRequest(ArrayBufferWriter<byte> output, long sequence)
    {
        output.GetSpan(BarePipelinedServer.RequestLength)[..BarePipelinedServer.RequestLength].Clear();
        output.Advance(BarePipelinedServer.RequestLength);
    }

    protected override bool TryTakeReply(ReadOnlyMemory<byte> buffered, long sequence, out int length, out string? failure)
    {
        length = 1;
        failure = buffered.Length > 0 && buffered.Span[0] != (byte)'0' ? "bad reply" : null;
        return buffered.Length > 0;
    }
}
