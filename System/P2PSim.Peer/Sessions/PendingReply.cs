using P2PSim.Protocol;
using P2PSim.Protocol.Messages;

namespace P2PSim.Peer.Sessions;

/// <summary>A request sent on a session and waiting for its reply; replies come in the order requests were sent.</summary>
internal sealed class PendingReply(uint id, Operation operation)
{
    public uint Id { get; } = id;

    public Operation Operation { get; } = operation;

    public TaskCompletionSource<DirectoryReply> Reply { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
