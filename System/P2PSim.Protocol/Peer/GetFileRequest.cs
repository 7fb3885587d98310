namespace P2PSim.Protocol.Peer;

/// <summary>The peer transfer request, <c>GET_FILE\0 filename\0</c> (spec §3; no timestamp).</summary>
public sealed record GetFileRequest(string FileName) : PeerRequest(FileName);
