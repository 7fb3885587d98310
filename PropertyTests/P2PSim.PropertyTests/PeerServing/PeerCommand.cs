using System.Globalization;
using P2PSim.PropertyTests.Support;
using P2PSim.Protocol.Peer;

namespace P2PSim.PropertyTests.PeerServing;

/// <summary>How a GET_RANGE names the file's version: the current digest, another file's, the current one in upper case, or not a digest.</summary>
internal enum VersionKind
{
    Current,
    Stale,
    UpperCase,
    Garbage,
}

/// <summary>
/// One request on a peer connection: GET_MANIFEST, GET_RANGE (its version given by kind, resolved against the share
/// when sent) or GET_FILE. Offsets and lengths are absolute, drawn around the file's size when it has one.
/// </summary>
internal sealed record PeerCommand(string Operation, string FileName, VersionKind Version = VersionKind.Current, long Offset = 0, int Length = 0)
{
    public override string ToString() => Operation switch
    {
        PeerRequestCodec.RangeOperation =>
            $"{Operation} {ReplyText.Quote(FileName)} {Version} {Offset.ToString(CultureInfo.InvariantCulture)} {Length.ToString(CultureInfo.InvariantCulture)}",
        _ => $"{Operation} {ReplyText.Quote(FileName)}",
    };
}
