using System.Buffers;
using P2PSim.Protocol;
using P2PSim.Protocol.Sessions;

namespace P2PSim.Peer.Sessions;

/// <summary>The read side: one task that takes every frame from the server.</summary>
public sealed partial class DirectorySessionClient
{
    // When the last frame of any kind came: the watchdog's proof that the server is alive (docs/sessions.md §7).
    private long _lastReceived;

    private async Task ReadRepliesAsync()
    {
        await Task.Yield(); // off the opener's call: TryOpenAsync returns before the first read
        try
        {
            while (true)
            {
                var read = await _reader.ReadFrameAsync<int, SessionFrame>(SessionFrameCodec.TryDecode, _reader.Limit, _closing.Token);
                if (!read.IsFrame)
                {
                    Fail(Unavailable(Server, "closed the connection"));
                    return;
                }

                var frame = read.Frame;
                Volatile.Write(ref _lastReceived, _clock.GetTimestamp());
                switch (frame.Kind)
                {
                    case SessionFrameKind.Reply:
                        Complete(frame);
                        break;
                    case SessionFrameKind.Ping:
                        // Not awaited: the reads go on while the pong is written (a writer at work takes it along).
                        // The flush never throws, and DisposeAsync waits for it.
                        _ = SendControlAsync(SessionFrameKind.Pong, frame.Id);
                        break;
                    case SessionFrameKind.Pong:
                        break;
                    case SessionFrameKind.Close:
                        var (code, reason) = SessionCloseCodec.Read(frame.Body);
                        Fail(Unavailable(Server, $"ended the session ({code}: {reason})"));
                        return;
                    default:
                        throw new SessionProtocolException(SessionCloseCode.Malformed, "The server sent a request frame.");
                }
            }
        }
        catch (SessionProtocolException e)
        {
            Fail(new ProtocolException($"The session with {Server} is broken: {e.Message}"));
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested)
        {
            // Ended by Fail or DisposeAsync, which already told the waiting calls.
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or DirectoryUnavailableException)
        {
            Fail(Unavailable(Server, $"failed during the exchange ({e.Message})", e));
        }
    }

    /// <summary>Hands a reply to the oldest waiting request, which it must answer.</summary>
    private void Complete(SessionFrame frame)
    {
        PendingReply? oldest;
        lock (_gate)
        {
            // Taken off the queue only when it matches: a mismatch fails the session, and with it every queued call.
            if (_pending.TryPeek(out oldest) && oldest.Id == frame.Id)
            {
                _pending.Dequeue();
            }
        }

        if (oldest is null || oldest.Id != frame.Id)
        {
            throw new SessionProtocolException(
                SessionCloseCode.Malformed,
                oldest is null ? $"Reply {frame.Id} came with no request waiting." : $"Reply {frame.Id} came where reply {oldest.Id} was due.");
        }

        try
        {
            ReadOnlySpan<byte> body = frame.Body.IsSingleSegment ? frame.Body.FirstSpan : frame.Body.ToArray();
            oldest.Answer(DirectoryReplyDecoder.Decode(oldest.Operation, body));
        }
        catch (ProtocolException e)
        {
            oldest.Fail(e);
        }

        _window.Release();
    }
}
