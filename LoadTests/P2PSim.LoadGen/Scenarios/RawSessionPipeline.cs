using System.Buffers;
using P2PSim.LoadGen.Engine;
using P2PSim.Protocol;
using P2PSim.Protocol.Sessions;

namespace P2PSim.LoadGen.Scenarios;

/// <summary>
/// A session driven straight through the protocol's session codecs, below <c>DirectorySessionClient</c>: the hello,
/// then <see cref="ClassicMixScenario"/>'s requests for one user as pre-encoded REQUEST frames, many in flight,
/// replies matched by id and judged by their first byte (the ASCII result code). What is left is the server's cost.
/// </summary>
internal sealed class RawSessionPipeline(string user) : PipelinedConnection
{
    private readonly byte[][] _bodies = [.. Enumerable.Range(0, ClassicMixScenario.Cycle).Select(i => DirectoryRequestEncoder.ToArray(ClassicMixScenario.Request(user, i)))];
    private readonly Operation[] _operations = [.. Enumerable.Range(0, ClassicMixScenario.Cycle).Select(i => ClassicMixScenario.Request(user, i).Operation)];

    /// <summary>The terms the server sent.</summary>
    public SessionTerms? Terms { get; private set; }

    protected override async ValueTask<int> HandshakeAsync(int depth, CancellationToken cancellationToken)
    {
        var hello = new ArrayBufferWriter<byte>(16);
        SessionHelloCodec.WriteHello(hello);
        await SendAsync(hello.WrittenMemory, cancellationToken);
        var buffer = new byte[256];
        var buffered = 0;
        while (true)
        {
            var read = await ReceiveAsync(buffer.AsMemory(buffered), cancellationToken);
            if (read == 0)
            {
                throw new IOException("the server closed the connection during the hello");
            }

            buffered += read;
            var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(buffer, 0, buffered));
            if (SessionHelloCodec.TryDecodeTerms(ref reader, 0, out var terms))
            {
                Terms = terms ?? throw new InvalidDataException("the server declined the session");
                if (!reader.End)
                {
                    throw new InvalidDataException("the server sent frames before any request");
                }

                // A client must not have more requests unanswered than the server's window.
                return Math.Min(depth, terms.Window);
            }

            if (buffered == buffer.Length)
            {
                throw new InvalidDataException("the server's terms are longer than any valid terms");
            }
        }
    }

    protected override void WriteRequest(ArrayBufferWriter<byte> output, long sequence) =>
        SessionFrameCodec.Write(output, SessionFrameKind.Request, Id(sequence), _bodies[sequence % ClassicMixScenario.Cycle]);

    protected override bool TryTakeReply(ReadOnlyMemory<byte> buffered, long sequence, out int length, out string? failure)
    {
        failure = null;
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(buffered));
        // No frame limit of its own: the read buffer bounds what can arrive.
        if (!SessionFrameCodec.TryDecode(ref reader, int.MaxValue, out var frame))
        {
            length = 0;
            return false;
        }

        length = (int)reader.Consumed;
        if (frame.Kind != SessionFrameKind.Reply || frame.Id != Id(sequence))
        {
            throw new InvalidDataException($"expected the reply to request {Id(sequence)}, got {frame.Kind} {frame.Id}");
        }

        var operation = _operations[sequence % ClassicMixScenario.Cycle];
        var outcome = frame.Body.IsEmpty ? StepOutcome.Failure("empty reply") : ClassicMixScenario.Judge(operation, frame.Body.FirstSpan[0] - '0');
        failure = outcome.Ok ? null : outcome.FailureReason;
        return true;
    }

    private static uint Id(long sequence) => (uint)(sequence + 1);
}
