using P2PSim.Protocol;
using P2PSim.Protocol.Messages;

namespace P2PSim.Peer.Sessions;

/// <summary>
/// A request sent on a session and waiting for its reply; replies come in the order requests were sent. It is its
/// own completion source (one object per call, not two). Continuations run asynchronously: the read loop that
/// completes it must not run the caller's code, which may send again and wait on the write.
/// </summary>
internal sealed class PendingReply(Operation operation)
    : TaskCompletionSource<DirectoryReply>(TaskCreationOptions.RunContinuationsAsynchronously)
{
    public Operation Operation { get; } = operation;

    /// <summary>Its frame's id, given under the session's lock as the frame is queued.</summary>
    public uint Id { get; set; }

    /// <summary>When it was queued (a <see cref="TimeProvider"/> timestamp): the watchdog measures its age from here.</summary>
    public long QueuedAt { get; set; }

    /// <summary>The caller's cancellation, undone when the reply or the session's end completes the call.</summary>
    public CancellationTokenRegistration Cancellation { get; set; }

    /// <summary>Completes the call with its reply, unless the caller gave up on it already.</summary>
    public void Answer(DirectoryReply reply)
    {
        Cancellation.Unregister(); // Unregister, not Dispose: Dispose may wait for a running callback, which Coyote cannot schedule
        TrySetResult(reply);
    }

    /// <summary>Fails the call, unless it completed already.</summary>
    public void Fail(Exception reason)
    {
        Cancellation.Unregister();
        TrySetException(reason);
    }
}
