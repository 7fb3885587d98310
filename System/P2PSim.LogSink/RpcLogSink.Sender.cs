using P2PSim.Rpc;
using P2PSim.Transport.Timing;

namespace P2PSim.LogSink;

/// <summary>The single background sender: takes the queue head, sends it until acknowledged, removes it.</summary>
public sealed partial class RpcLogSink
{
    private bool _serviceDown;
    private string? _mismatchReported;

    /// <summary>Where undelivered entries wait, for the operator: the journal's path, or memory only.</summary>
    private string KeptIn => _options.JournalPath is { } path ? $"the journal {path}" : "memory only (no journal configured)";

    private async Task RunSenderAsync()
    {
        // Leave the constructor first. Task.Yield rather than Task.Run: it queues to the caller's scheduler — the
        // thread pool in a host, as Task.Run did, but the single-threaded pump in a simulated run, so the sender
        // never escapes the deterministic scheduler.
        await Task.Yield();
        var token = _stop.Token;
        try
        {
            while (true)
            {
                var batch = await NextBatchAsync();
                if (batch is null)
                {
                    return;
                }

                await SendUntilAcknowledgedAsync(batch, token);
                Acknowledge(batch);
            }
        }
        catch (Exception e) when (token.IsCancellationRequested && e is OperationCanceledException or IOException or TimeoutException)
        {
            // Dispose gave up flushing; whatever is left stays queued and goes to the journal. A call that failed
            // (refused, reset) just as the stop came is part of the stop, not an error of the sender.
        }
        finally
        {
            await _client.CloseAsync();
        }
    }

    /// <summary>The next batch from the queue head, waiting for entries; null once stopped and drained.</summary>
    private async Task<PendingBatch?> NextBatchAsync()
    {
        var lingered = false;
        while (true)
        {
            if (TryTakeBatch(lingered, out var batch, out var signal))
            {
                return batch;
            }

            if (signal is not null)
            {
                await signal.Task;
                continue;
            }

            // A partial batch: give it one moment to fill (the service fsyncs each batch), then send what there is.
            lingered = true;
            await ClockDelay.DelayAsync(_options.BatchLinger, _options.TimeProvider, CancellationToken.None);
        }
    }

    /// <summary>
    /// One look at the queue, in one critical section: true with the next batch (null once stopped and drained), or
    /// false to wait, on <paramref name="signal"/> when the queue is empty or, when it is null, for the linger. The
    /// signal is published under the same lock as the emptiness check, so an entry queued after the check finds it
    /// and wakes the sender. A plain method rather than part of <see cref="NextBatchAsync"/>: the systematic tests'
    /// memory-access race checking instruments the fields of ordinary methods only, not of async state machines, so
    /// only here can they interleave a producer between the check and the publication.
    /// </summary>
    private bool TryTakeBatch(bool lingered, out PendingBatch? batch, out TaskCompletionSource? signal)
    {
        signal = null;
        batch = null;
        lock (_gate)
        {
            if (_memory.Count > 0)
            {
                if (lingered || !_accepting || _memory.Count >= _options.BatchSize || _options.BatchLinger <= TimeSpan.Zero)
                {
                    batch = new PendingBatch(_memory.Take(_options.BatchSize).ToArray(), FromJournal: false, 0);
                    return true;
                }

                return false;
            }

            if (_journal is { Unread: > 0 })
            {
                batch = _journal.ReadBatch(_options.BatchSize);
                return true;
            }

            if (!_accepting)
            {
                return true;
            }

            _signal = signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return false;
        }
    }

    private void Acknowledge(PendingBatch batch)
    {
        lock (_gate)
        {
            if (batch.FromJournal)
            {
                _journal!.Acknowledge(batch, (ulong)Interlocked.Read(ref _sequence));
            }
            else
            {
                for (var i = 0; i < batch.Entries.Count; i++)
                {
                    _memory.Dequeue();
                }
            }
        }

        Interlocked.Add(ref _sent, batch.Entries.Count);
    }

    private async Task SendUntilAcknowledgedAsync(PendingBatch batch, CancellationToken token)
    {
        var delay = _options.MinRetryDelay;
        while (true)
        {
            try
            {
                await CallWithTimeoutAsync(batch.Entries, token);
                if (_serviceDown)
                {
                    _serviceDown = false;
                    _mismatchReported = null;
                    Log.ServiceUp(_logger, _options.LogService.ToString(), Pending, Sent, Retried, Spilled);
                }

                return;
            }
            catch (LogServiceMismatchException e) when (!token.IsCancellationRequested)
            {
                // Not P2PSim's log program: said once per kind of answer, since retrying will not change it until
                // the operator does; the batch stays queued (and spills to the journal) meanwhile.
                await _client.CloseAsync();
                Interlocked.Increment(ref _retried);
                _serviceDown = true;
                if (e.What != _mismatchReported)
                {
                    _mismatchReported = e.What;
                    Log.ServiceMismatch(_logger, _options.LogService.ToString(), e.What, e.Advice, Pending, KeptIn);
                }
                else
                {
                    Log.RetryFailed(_logger, _options.LogService.ToString(), e.Message);
                }
            }
            catch (Exception e) when (!token.IsCancellationRequested)
            {
                // Refused, reset, timed out or garbage: drop the connection and send the same batch again later.
                await _client.CloseAsync();
                Interlocked.Increment(ref _retried);
                if (!_serviceDown)
                {
                    _serviceDown = true;
                    Log.ServiceDown(_logger, _options.LogService.ToString(), e.Message, Pending, Sent, Retried, Spilled);
                }
                else
                {
                    Log.RetryFailed(_logger, _options.LogService.ToString(), e.Message);
                }
            }

            await ClockDelay.DelayAsync(delay, _options.TimeProvider, token);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxRetryDelay.Ticks));
        }
    }

    private async Task CallWithTimeoutAsync(IReadOnlyList<LogEntry> entries, CancellationToken token)
    {
        using var callCancel = CancellationTokenSource.CreateLinkedTokenSource(token);
        var call = _client.SendBatchAsync(entries, callCancel.Token);
        var timeout = ClockDelay.DelayAsync(_options.CallTimeout, _options.TimeProvider, callCancel.Token);
        var first = await Task.WhenAny(new Task[] { call, timeout });
        callCancel.Cancel();
        if (first == call)
        {
            await call;
            return;
        }

        // Timed out (or stopping): the call is cancelled; abort its connection too so a read that ignores the token
        // still ends. Its state is reset by the caller's CloseAsync only after the call has finished.
        _client.Abort();
        try
        {
            await call;
        }
        catch (Exception) when (call.IsFaulted || call.IsCanceled)
        {
            // Expected: the call was cancelled or its connection aborted.
        }

        token.ThrowIfCancellationRequested();
        throw new TimeoutException($"No reply from the log service within {_options.CallTimeout}.");
    }
}
