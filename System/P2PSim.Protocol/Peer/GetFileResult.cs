namespace P2PSim.Protocol.Peer;

/// <summary>Result codes of a GET_FILE reply (spec §3), and of the GET_MANIFEST and GET_RANGE extensions.</summary>
public enum GetFileResult
{
    /// <summary>The file's content follows; the peer closes the connection at its end.</summary>
    Ok = 0,

    /// <summary>The file does not exist.</summary>
    NotFound = 1,

    /// <summary>Any other error, including a refused (unsafe) name or an impossible range.</summary>
    Error = 2,

    /// <summary>GET_RANGE only: the file is no longer the version the request names.</summary>
    Changed = 3,
}
