namespace P2PSim.Rpc.OncRpc;

/// <summary><c>msg_type</c> (RFC 5531 §9): the discriminant after the xid.</summary>
public enum MessageType
{
    /// <summary><c>CALL = 0</c>.</summary>
    Call = 0,

    /// <summary><c>REPLY = 1</c>.</summary>
    Reply = 1,
}
