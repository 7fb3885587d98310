using P2PSim.Protocol.Peer;

namespace P2PSim.Peer.Downloads.MultiSource;

/// <summary>A source answered a manifest or range request with a code other than 0.</summary>
internal sealed class SourceRefusedException(int code, string message) : IOException(message)
{
    public int Code { get; } = code;

    /// <summary>Code 3: the file is no longer the version being downloaded.</summary>
    public bool FileChanged => Code == (int)GetFileResult.Changed;
}
