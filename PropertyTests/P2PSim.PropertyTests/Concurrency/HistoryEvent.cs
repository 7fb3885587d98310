using P2PSim.PropertyTests.Generators;
using P2PSim.PropertyTests.Support;
using P2PSim.Protocol.Messages;

namespace P2PSim.PropertyTests.Concurrency;

/// <summary>
/// One completed operation of a concurrent history: which client issued it, when it was invoked and when its reply
/// came back (milliseconds since the batch started), and the reply.
/// </summary>
internal sealed record HistoryEvent(int Client, DirectoryCommand Command, double Invoked, double Returned, DirectoryReply Reply)
{
    public override string ToString() =>
        $"c{Client} [{Invoked,8:0.000} → {Returned,8:0.000} ms] {Command} → {ReplyText.Describe(Reply)}";
}
