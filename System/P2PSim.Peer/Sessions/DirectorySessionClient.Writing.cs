using P2PSim.Protocol.Messages;
using P2PSim.Protocol.Sessions;

namespace P2PSim.Peer.Sessions;

/// <summary>
/// The write side: frames coalesced into batches. Frames are appended to <see cref="_outgoing"/> under
/// <see cref="_gate"/>; the first appender that finds no writer becomes it and writes batch after batch (swapping
/// the two buffers, so appenders never wait for a write) until nothing is left. Much as StackExchange.Redis and
/// Npgsql batch the commands of concurrent callers into one socket write.
/// </summary>
public sealed partial class DirectorySessionClient
{
    private OutgoingFrames _outgoing = new(); // guarded by _gate
    private OutgoingFrames _beingWritten = new(); // the writer's alone, while _writing
    private bool _writing; // guarded by _gate: a writer owns the connection's write side
    private TaskCompletionSource? _written; // guarded by _gate: completed when the writer stops
    private long _lastSent;
    private long _writeStartedAt; // a timestamp while a write is under way, else 0: what the watchdog bounds

    /// <summary>
    /// Numbers the request, queues it and appends its frame, all in one lock section: the queue's order is the
    /// wire's order, which is what lets a reply be checked against the oldest request. True when the caller is
    /// now the writer and must flush; <paramref name="othersInFlight"/> tells it whether other requests await
    /// their replies (then more callers are about to send, woken by those replies).
    /// </summary>
    /// <exception cref="DirectoryUnavailableException">The session has ended.</exception>
    private bool Queue<TRequest>(PendingReply pending, TRequest request, Action<TRequest, OutgoingFrames> encode, out bool othersInFlight)
    {
        lock (_gate)
        {
            ThrowIfFailed();
            Append(pending, request, encode, _clock.GetTimestamp());
            othersInFlight = _pending.Count > 1;
            return BecomeWriter();
        }
    }

    /// <summary>As <see cref="Queue{TRequest}"/> for every request of a batch, in one lock section: their frames go out together.</summary>
    /// <exception cref="DirectoryUnavailableException">The session has ended.</exception>
    private bool QueueBatch(PendingReply[] pendings, IReadOnlyList<DirectoryRequest> requests)
    {
        lock (_gate)
        {
            ThrowIfFailed();
            var now = _clock.GetTimestamp();
            for (var i = 0; i < pendings.Length; i++)
            {
                // Validated before: encoding cannot fail half-way through the batch.
                Append(pendings[i], requests[i], EncodeRequest, now);
            }

            return BecomeWriter();
        }
    }

    /// <summary>Under <see cref="_gate"/>: numbers <paramref name="pending"/>, appends its frame and queues it.</summary>
    private void Append<TRequest>(PendingReply pending, TRequest request, Action<TRequest, OutgoingFrames> encode, long now)
    {
        var start = _outgoing.BeginFrame();
        try
        {
            encode(request, _outgoing);
        }
        catch
        {
            _outgoing.Abandon(start);
            throw;
        }

        pending.Id = ++_nextId;
        pending.QueuedAt = now;
        _outgoing.EndFrame(start, SessionFrameKind.Request, pending.Id);
        _pending.Enqueue(pending);
    }

    /// <summary>Appends a Ping or Pong; flushes when no writer is at work. Nothing is sent on a session that has ended.</summary>
    private Task SendControlAsync(SessionFrameKind kind, uint id)
    {
        bool write;
        lock (_gate)
        {
            if (_failure is not null)
            {
                return Task.CompletedTask;
            }

            _outgoing.EndFrame(_outgoing.BeginFrame(), kind, id);
            write = BecomeWriter();
        }

        // Outside the lock: the flush runs on this thread up to its first write, which may complete synchronously.
        return write ? FlushAsync() : Task.CompletedTask;
    }

    private Task WriteCloseAsync()
    {
        bool write;
        lock (_gate)
        {
            if (_failure is not null)
            {
                return Task.CompletedTask;
            }

            SessionCloseCodec.Write(_outgoing, SessionCloseCode.Normal, "client done");
            write = BecomeWriter();
        }

        return write ? FlushAsync() : Task.CompletedTask;
    }

    /// <summary>Under <see cref="_gate"/>: claims the write side if it is free.</summary>
    private bool BecomeWriter()
    {
        if (_writing)
        {
            return false;
        }

        _writing = true;
        return true;
    }

    /// <summary>
    /// The writer's loop: writes what is queued, batch after batch, and gives the write side up in the same lock
    /// section that finds the buffer empty (so no frame is left behind without a writer). Never throws: a failed
    /// or cut-off write loses the framing, so it ends the session, which fails every waiting call.
    /// </summary>
    private async Task FlushAsync()
    {
        TaskCompletionSource? written;
        try
        {
            while (true)
            {
                OutgoingFrames batch;
                lock (_gate)
                {
                    if (_outgoing.IsEmpty || _failure is not null)
                    {
                        _writing = false;
                        written = TakeWritten();
                        break;
                    }

                    batch = _outgoing;
                    _outgoing = _beingWritten;
                    _beingWritten = batch;
                }

                Volatile.Write(ref _writeStartedAt, _clock.GetTimestamp());
                await _connection.Stream.WriteAsync(batch.Written, _closing.Token);
                Volatile.Write(ref _lastSent, _clock.GetTimestamp());
                Volatile.Write(ref _writeStartedAt, 0);
                batch.Clear();
            }
        }
        catch (Exception e)
        {
            if (!_closing.IsCancellationRequested)
            {
                Fail(Unavailable(Server, $"failed during the exchange ({e.Message})", e));
            }

            // The session has failed: nobody claims the write side any more, so giving it up here is safe.
            lock (_gate)
            {
                _writing = false;
                written = TakeWritten();
            }
        }

        written?.TrySetResult();
    }

    /// <summary>Completes once no writer is at work: everything appended before the call is written (or the session failed).</summary>
    private Task WhenWrittenAsync()
    {
        lock (_gate)
        {
            return _writing ? (_written ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task : Task.CompletedTask;
        }
    }

    private TaskCompletionSource? TakeWritten()
    {
        var written = _written;
        _written = null;
        return written;
    }
}
