namespace P2PSim.Protocol.Peer;

/// <summary>
/// A request one peer sends another: the classic <see cref="GetFileRequest"/>, or one of P2PSim's multi-source
/// extensions (<see cref="ManifestRequest"/>, <see cref="RangeRequest"/>), which classic peers never send.
/// </summary>
public abstract record PeerRequest(string FileName);

/// <summary>
/// <c>GET_MANIFEST\0 filename\0</c> (extension): asks for the file's size, block size and SHA-256 digests.
/// </summary>
public sealed record ManifestRequest(string FileName) : PeerRequest(FileName);

/// <summary>
/// <c>GET_RANGE\0 filename\0 version\0 offset\0 length\0</c> (extension): asks for <see cref="Length"/> bytes at
/// <see cref="Offset"/> of the file whose whole-file SHA-256 is <see cref="Version"/> (lower-case hex), so a file
/// that changed since its manifest was fetched is refused rather than mixed.
/// </summary>
public sealed record RangeRequest(string FileName, string Version, long Offset, int Length) : PeerRequest(FileName);
