using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using P2PSim.LoadGen.Engine;

namespace P2PSim.LoadGen.Scenarios;

/// <summary>
/// The lean pipelining client both the bare pipelined ceiling and the raw session scenario use: one kept
/// connection with <see cref="Depth"/> requests in flight. Each cycle writes as many new requests as replies came
/// (all in one write), then reads once and takes every complete reply in the buffer, each counted as one operation
/// timed from its own write. No tasks, no locks, no per-request allocation beyond what the wire format asks for,
/// so the same loop against the bare server is the machine's ceiling for pipelining.
/// </summary>
internal abstract class PipelinedConnection : IDisposable
{
    private const int BufferBytes = 64 * 1024;

    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
    private readonly byte[] _buffer = new byte[BufferBytes];
    private readonly ArrayBufferWriter<byte> _requests = new(4096);
    private CancellationTokenSource? _deadline;
    private long[] _sentAt = [];
    private int _buffered;
    private long _sent;
    private long _answered;

    /// <summary>Requests kept in flight; set by <see cref="OpenAsync"/> (the server's window may lower it).</summary>
    protected int Depth { get; private set; }

    /// <summary>Requests written and not answered yet.</summary>
    public int InFlight => (int)(_sent - _answered);

    /// <summary>Connects and lets the protocol open (a hello, say); <paramref name="cancellationToken"/> bounds the connection's life.</summary>
    public async Task OpenAsync(IPEndPoint server, int depth, CancellationToken cancellationToken)
    {
        _deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _deadline.CancelAfter(RawExchange.Timeout);
        await _socket.ConnectAsync(server, _deadline.Token);
        Depth = await HandshakeAsync(depth, _deadline.Token);
        _sentAt = new long[Depth];
    }

    /// <summary>
    /// One cycle: fill the pipeline up to <see cref="Depth"/>, read once, record every complete reply.
    /// A connection that fails is useless afterwards: the caller drops it.
    /// </summary>
    public async ValueTask CycleAsync(StepRecorder recorder)
    {
        var token = _deadline!.Token;
        _deadline.CancelAfter(RawExchange.Timeout);
        var missing = Depth - InFlight;
        if (missing > 0)
        {
            _requests.ResetWrittenCount();
            var now = Stopwatch.GetTimestamp();
            for (var i = 0; i < missing; i++)
            {
                WriteRequest(_requests, _sent);
                _sentAt[_sent % Depth] = now;
                _sent++;
            }

            await _socket.SendAsync(_requests.WrittenMemory, SocketFlags.None, token);
        }

        if (_buffered == _buffer.Length)
        {
            throw new InvalidDataException($"a reply is longer than the {BufferBytes}-byte read buffer");
        }

        var read = await _socket.ReceiveAsync(_buffer.AsMemory(_buffered), SocketFlags.None, token);
        if (read == 0)
        {
            throw new IOException("the server closed the connection");
        }

        _buffered += read;
        var arrived = Stopwatch.GetTimestamp();
        var offset = 0;
        while (_answered < _sent && TryTakeReply(_buffer.AsMemory(offset, _buffered - offset), _answered, out var length, out var failure))
        {
            offset += length;
            if (failure is null)
            {
                recorder.RecordOk((long)Stopwatch.GetElapsedTime(_sentAt[_answered % Depth], arrived).TotalMicroseconds, 0);
            }
            else
            {
                recorder.RecordFailure(failure);
            }

            _answered++;
        }

        if (offset > 0)
        {
            _buffer.AsSpan(offset, _buffered - offset).CopyTo(_buffer);
            _buffered -= offset;
        }
    }

    public void Dispose()
    {
        _socket.Dispose();
        _deadline?.Dispose();
    }

    /// <summary>Reads from the connection during the handshake (before any request is in flight).</summary>
    protected async ValueTask<int> ReceiveAsync(Memory<byte> into, CancellationToken cancellationToken) =>
        await _socket.ReceiveAsync(into, SocketFlags.None, cancellationToken);

    protected async ValueTask SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken) =>
        await _socket.SendAsync(bytes, SocketFlags.None, cancellationToken);

    /// <summary>Whatever the protocol does before requests (nothing for the bare server); returns the depth to keep.</summary>
    protected abstract ValueTask<int> HandshakeAsync(int depth, CancellationToken cancellationToken);

    /// <summary>Appends request number <paramref name="sequence"/> (0-based) to <paramref name="output"/>.</summary>
    protected abstract void WriteRequest(ArrayBufferWriter<byte> output, long sequence);

    /// <summary>
    /// Takes the reply to request <paramref name="sequence"/> from the start of <paramref name="buffered"/>: false when
    /// it is not complete yet; else its <paramref name="length"/> and, when it is a failed operation, why.
    /// </summary>
    /// <exception cref="InvalidDataException">Bytes that are not the reply due: the connection is broken.</exception>
    protected abstract bool TryTakeReply(ReadOnlyMemory<byte> buffered, long sequence, out int length, out string? failure);
}
