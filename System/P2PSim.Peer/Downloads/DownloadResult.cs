namespace P2PSim.Peer.Downloads;

/// <summary>
/// The outcome of a GET_FILE the peer answered: its result code (0 file sent, 1 no such file, 2 other error; a
/// classic peer may send others) and, on 0, the bytes now in the local file.
/// </summary>
public sealed record DownloadResult(int Code, long Bytes)
{
    /// <summary>True when the file was received and is in place.</summary>
    public bool IsOk => Code == 0;
}
