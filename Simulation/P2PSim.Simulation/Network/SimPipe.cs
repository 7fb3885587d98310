using P2PSim.Transport.InMemory;

namespace P2PSim.Simulation.Network;

/// <summary>
/// One direction of a simulated connection: a bounded queue of segments, each visible to the reader from its
/// delivery time on (send time + link latency, never earlier than the segment before it: TCP keeps order) and only
/// while the link is not partitioned. End of stream travels as a last empty segment, so a FIN never overtakes data.
/// A reset fails both ends at once; bytes are never lost silently.
/// </summary>
internal sealed class SimPipe(SimNetwork network, SimConnectionPair pair, string from, string to, int capacity) : IByteChannel
{
    private readonly object _gate = new();
    private readonly Queue<(byte[] Data, long DeliverAt)> _segments = new();
    private int _headOffset;
    private long _buffered;
    private long _lastDeliverAt;
    private bool _writerCompleted;
    private bool _readerClosed;
    private bool _reset;
    private TaskCompletionSource<bool>? _dataAvailable;
    private TaskCompletionSource<bool>? _spaceAvailable;

    public string From => from;

    public string To => to;

    public async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        if (destination.IsEmpty)
        {
            return 0;
        }

        while (true)
        {
            TaskCompletionSource<bool>? dataAvailable = null;
            TaskCompletionSource<bool>? wakeWriter = null;
            var read = -1;
            lock (_gate)
            {
                if (_reset)
                {
                    throw new IOException($"The connection was reset ({pair.Id} {from}->{to}).");
                }

                var visible = !network.Blocked(from, to);
                if (visible && _segments.TryPeek(out var head) && head.DeliverAt <= network.NowTicks)
                {
                    read = head.Data.Length == 0 ? 0 : CopyOut(destination.Span);
                    wakeWriter = Waiting.Take(ref _spaceAvailable);
                }
                else if (_readerClosed)
                {
                    read = 0;
                }
                else
                {
                    dataAvailable = Waiting.Live(ref _dataAvailable);
                }
            }

            if (read >= 0)
            {
                wakeWriter?.TrySetResult(true);
                network.Trace.Add("read", read == 0 ? $"{pair.Id} {from}->{to} end" : $"{pair.Id} {from}->{to} {read}B");
                return read;
            }

            await Waiting.WaitAsync(dataAvailable!, cancellationToken);
        }
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken)
    {
        if (source.IsEmpty)
        {
            return;
        }

        while (true)
        {
            TaskCompletionSource<bool> spaceAvailable;
            lock (_gate)
            {
                if (_reset || _readerClosed)
                {
                    throw new IOException($"The connection was closed by the peer (broken pipe, {pair.Id} {from}->{to}).");
                }

                if (_writerCompleted)
                {
                    throw new ObjectDisposedException("SimConnection", "Cannot write after the connection was closed.");
                }

                if (_buffered < capacity)
                {
                    Enqueue(source.ToArray());
                    _buffered += source.Length;
                    break;
                }

                spaceAvailable = Waiting.Live(ref _spaceAvailable);
            }

            await Waiting.WaitAsync(spaceAvailable, cancellationToken);
        }

        network.Trace.Add("write", $"{pair.Id} {from}->{to} {source.Length}B");
        if (network.ShouldReset(from, to))
        {
            // A seeded fault: the connection dies once this segment would have arrived (it never does).
            var at = _lastDeliverAt - network.NowTicks;
            network.Clock.Schedule(TimeSpan.FromTicks(Math.Max(0, at)), () => pair.Reset("seeded reset"));
        }
    }

    /// <summary>The writer is done: the reader sees end of stream after the bytes already sent.</summary>
    public void CompleteWriter()
    {
        lock (_gate)
        {
            if (_writerCompleted || _reset)
            {
                return;
            }

            _writerCompleted = true;
            Enqueue([]);
        }
    }

    /// <summary>The reader is gone: buffered bytes are dropped and further writes fail.</summary>
    public void CloseReader() => Update(() =>
    {
        _readerClosed = true;
        _segments.Clear();
        _buffered = 0;
    });

    /// <summary>Both ends fail at once, like a TCP reset.</summary>
    public void Reset() => Update(() => _reset = true);

    /// <summary>Wakes waiters so they re-check visibility (after a heal).</summary>
    public void Poke() => Update(() => { });

    public bool IsFinished
    {
        get
        {
            lock (_gate)
            {
                return _reset || (_readerClosed && _writerCompleted);
            }
        }
    }

    private void Enqueue(byte[] data)
    {
        var deliverAt = Math.Max(_lastDeliverAt, network.NowTicks + network.SegmentLatency(from, to).Ticks);
        _lastDeliverAt = deliverAt;
        _segments.Enqueue((data, deliverAt));
        var delay = TimeSpan.FromTicks(deliverAt - network.NowTicks);
        if (delay > TimeSpan.Zero)
        {
            network.Clock.Schedule(delay, Poke);
        }
        else
        {
            // Safe under the lock: continuations run asynchronously (posted to the pump).
            Waiting.Take(ref _dataAvailable)?.TrySetResult(true);
        }
    }

    private void Update(Action change)
    {
        TaskCompletionSource<bool>? wakeReader;
        TaskCompletionSource<bool>? wakeWriter;
        lock (_gate)
        {
            change();
            wakeReader = Waiting.Take(ref _dataAvailable);
            wakeWriter = Waiting.Take(ref _spaceAvailable);
        }

        wakeReader?.TrySetResult(true);
        wakeWriter?.TrySetResult(true);
    }

    private int CopyOut(Span<byte> destination)
    {
        var total = 0;
        var now = network.NowTicks;
        while (total < destination.Length && _segments.TryPeek(out var head) && head.DeliverAt <= now && head.Data.Length > 0)
        {
            var available = head.Data.AsSpan(_headOffset);
            var count = Math.Min(available.Length, destination.Length - total);
            available[..count].CopyTo(destination[total..]);
            total += count;
            _headOffset += count;
            if (_headOffset == head.Data.Length)
            {
                _segments.Dequeue();
                _headOffset = 0;
            }
        }

        _buffered -= total;
        return total;
    }
}
