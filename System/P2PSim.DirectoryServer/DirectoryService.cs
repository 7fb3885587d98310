using P2PSim.DirectoryServer.Registry;
using P2PSim.Protocol;
using P2PSim.Protocol.Messages;

namespace P2PSim.DirectoryServer;

/// <summary>
/// The directory's behaviour without I/O: a decoded request and the client's address in, a reply out. Sessions,
/// in-process tests and benchmarks all call this one method, so the wire-to-registry path is: session →
/// <see cref="HandleAsync"/> → one <see cref="IRegistryStore"/> call → <see cref="ResultCodes"/>. With the
/// in-memory store every call completes synchronously.
/// </summary>
public sealed class DirectoryService(IRegistryStore registry, IOperationSink? sink = null)
{
    /// <summary>The registry store this service changes.</summary>
    public IRegistryStore Registry { get; } = registry;

    /// <summary>Where handled operations are reported (console, operation log); null for none.</summary>
    internal IOperationSink? Sink => sink;

    /// <summary>
    /// Handles one request from a client whose address is <paramref name="clientHost"/>. A
    /// <paramref name="caller"/> logged in to an account acts as that user only: a request naming anyone else is
    /// refused; an anonymous one (every classic request) may not act as a password-protected user.
    /// </summary>
    public async ValueTask<DirectoryReply> HandleAsync(DirectoryRequest request, string clientHost, Caller caller = default)
    {
        var reply = caller.IsAuthenticated && !string.Equals(request.User, caller.User, StringComparison.Ordinal)
            ? Reply(request, RegistryStatus.Forbidden)
            : await ExecuteAsync(request, clientHost, caller);
        sink?.OnOperation(new OperationRecord(
            request.Operation, request.User, FileNameOf(request), request.Timestamp, reply.Code, clientHost));
        return reply;
    }

    private async ValueTask<DirectoryReply> ExecuteAsync(DirectoryRequest request, string clientHost, Caller caller)
    {
        switch (request)
        {
            case RegisterRequest r:
                return Reply(r, await Registry.RegisterAsync(r.User));
            case UnregisterRequest r:
                return Reply(r, await Registry.UnregisterAsync(r.User, caller));
            case ConnectRequest r:
                return Reply(r, await Registry.ConnectAsync(r.User, clientHost, r.Port, caller));
            case DisconnectRequest r:
                return Reply(r, await Registry.DisconnectAsync(r.User, caller));
            case PublishRequest r:
                return Reply(r, await Registry.PublishAsync(r.User, r.FileName, r.Description, caller));
            case DeleteRequest r:
                return Reply(r, await Registry.DeleteAsync(r.User, r.FileName, caller));
            case ListUsersRequest r:
            {
                var (status, users) = await Registry.ListUsersAsync(r.User, caller);
                return Reply(r, status) with { Users = status == RegistryStatus.Ok ? users : null };
            }

            case ListContentRequest r:
            {
                var (status, files) = await Registry.ListContentAsync(r.User, r.RemoteUser, caller);
                return Reply(r, status) with { Files = status == RegistryStatus.Ok ? files : null };
            }

            case FindSourcesRequest r:
            {
                var (status, sources) = await Registry.FindSourcesAsync(r.User, r.FileName, caller);
                return Reply(r, status) with { Users = status == RegistryStatus.Ok ? sources : null };
            }

            case SearchRequest r:
            {
                var (status, hits) = await Registry.SearchAsync(r.Text, Math.Min(r.MaxResults, SearchRequest.ServerLimit), r.User, caller);
                return Reply(r, status) with { Hits = status == RegistryStatus.Ok ? hits : null };
            }

            default:
                return new DirectoryReply(request.Operation, request.Operation.OtherErrorCode());
        }
    }

    private static DirectoryReply Reply(DirectoryRequest request, RegistryStatus status) =>
        new(request.Operation, ResultCodes.For(request.Operation, status));

    private static string? FileNameOf(DirectoryRequest request) => request switch
    {
        PublishRequest p => p.FileName,
        DeleteRequest d => d.FileName,
        FindSourcesRequest f => f.FileName,
        _ => null,
    };
}
