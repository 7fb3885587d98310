namespace P2PSim.Rpc.OncRpc;

/// <summary><c>reply_stat</c> (RFC 5531 §9).</summary>
public enum ReplyStatus
{
    /// <summary><c>MSG_ACCEPTED = 0</c>: the server authenticated the call; see <see cref="AcceptStatus"/>.</summary>
    Accepted = 0,

    /// <summary><c>MSG_DENIED = 1</c>: the server refused the call; see <see cref="RejectStatus"/>.</summary>
    Denied = 1,
}
