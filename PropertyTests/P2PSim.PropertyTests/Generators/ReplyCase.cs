using P2PSim.PropertyTests.Support;
using P2PSim.Protocol;
using P2PSim.Protocol.Messages;

namespace P2PSim.PropertyTests.Generators;

/// <summary>A reply and the result encoding a server would write it in.</summary>
internal sealed record ReplyCase(DirectoryReply Reply, ResultEncoding Encoding)
{
    public override string ToString() => $"{Encoding}: {ReplyText.Describe(Reply)}";
}
