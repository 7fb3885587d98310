using P2PSim.PropertyTests.Generators;
using P2PSim.Protocol;
using P2PSim.Protocol.Messages;

namespace P2PSim.Systematic.Tests.RealCode.Histories;

/// <summary>A generated command as the request <c>DirectoryClient</c> would send for it.</summary>
internal static class HistoryRequests
{
    /// <summary>The stamp the property tests' clients send with a stamped command.</summary>
    private const string Stamp = "24/11/2026 21:00:00";

    public static DirectoryRequest For(DirectoryCommand c)
    {
        var dt = c.Stamped ? Stamp : null;
        return c.Operation switch
        {
            Operation.Register => new RegisterRequest(dt, c.User),
            Operation.Unregister => new UnregisterRequest(dt, c.User),
            Operation.Connect => new ConnectRequest(dt, c.User, c.Port),
            Operation.Disconnect => new DisconnectRequest(dt, c.User),
            Operation.Publish => new PublishRequest(dt, c.User, c.FileName, c.Description),
            Operation.Delete => new DeleteRequest(dt, c.User, c.FileName),
            Operation.ListUsers => new ListUsersRequest(dt, c.User),
            Operation.ListContent => new ListContentRequest(dt, c.User, c.RemoteUser),
            Operation.FindSources => new FindSourcesRequest(dt, c.User, c.FileName),
            Operation.Search => new SearchRequest(dt, c.User, c.SearchText, c.MaxResults),
            _ => throw new ArgumentOutOfRangeException(nameof(c), c.Operation, "not a directory operation"),
        };
    }
}
