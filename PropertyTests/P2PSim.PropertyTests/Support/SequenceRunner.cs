using System.Text;
using P2PSim.DirectoryServer.Registry;
using P2PSim.Peer;
using P2PSim.Peer.Sessions;
using P2PSim.PropertyTests.Generators;
using P2PSim.PropertyTests.Model;
using P2PSim.Protocol;
using P2PSim.Protocol.Messages;
using P2PSim.TestKit;
using P2PSim.Transport;

namespace P2PSim.PropertyTests.Support;

/// <summary>
/// Runs a session against a fresh server (the real one unless a planted variant's factory is given) through
/// <see cref="DirectoryClient"/> and, step by step, against a model; stops at the first difference. Requests the
/// client must refuse (see <see cref="WellFormedRequest.IsSendable"/>) must be refused and change nothing. At the
/// end, the server's registry snapshot must match the model too.
/// </summary>
internal static class SequenceRunner
{
    private const string Stamp = "24/11/2026 21:00:00";

    /// <summary>Synchronous, for FsCheck; the work runs on the thread pool so no test synchronization context is blocked.</summary>
    public static SequenceOutcome Run(
        CommandSequence sequence, ServerTarget target, DirectoryModel model, ServerFactory? server = null, ClientMode mode = ClientMode.Classic) =>
        Bounded.Run(
            () => RunAsync(sequence, target, model, server ?? RealServer.Factory, mode),
            Bounded.Default,
            $"a {sequence.Commands.Count}-command sequence against {target} ({mode})");

    /// <summary>Sends <paramref name="command"/> the way a part-1 or part-2 classic client would.</summary>
    public static Task<DirectoryReply> SendAsync(ITransport transport, TransportEndPoint server, DirectoryCommand command) =>
        SendAsync(new DirectoryClient(transport, server, command.Stamped ? _ => ValueTask.FromResult<string?>(Stamp) : null), command);

    private static async Task<SequenceOutcome> RunAsync(
        CommandSequence sequence, ServerTarget target, DirectoryModel model, ServerFactory factory, ClientMode mode)
    {
        var (serverTransport, clientTransport, bindAt) = target.Create();
        await using var server = await factory(serverTransport, bindAt, sequence.Encoding);
        // One session for the whole sequence: its requests share one connection, in order.
        await using var session = mode == ClientMode.Classic
            ? null
            : await DirectorySessionClient.TryOpenAsync(clientTransport, server.EndPoint) ?? throw new InvalidOperationException("The server declined the session.");
        var transcript = new StringBuilder().AppendLine(
            $"transcript ({target}, {mode}, {sequence.Encoding} result codes, request → server reply | model):");
        for (var i = 0; i < sequence.Commands.Count; i++)
        {
            var command = sequence.Commands[i];
            var onSession = mode == ClientMode.Session || (mode == ClientMode.Mixed && i % 2 == 0);
            Task<DirectoryReply> Send() => onSession
                ? session!.SendAsync(ToRequest(command))
                : SendAsync(clientTransport, server.EndPoint, command);
            if (!WellFormedRequest.IsSendable(command))
            {
                var refused = await RefusedAsync(Send);
                transcript.AppendLine($"  {i + 1,3}. {command} → {refused ?? "SENT   <-- MISMATCH, the client must refuse it"}");
                if (refused is null)
                {
                    return new SequenceOutcome(false, transcript.ToString());
                }

                continue;
            }

            var expected = model.Apply(command, TestNetwork.ClientIp);
            string actualText;
            var same = false;
            try
            {
                var actual = await Send();
                actualText = ReplyText.Describe(actual);
                same = ReplyEquality.Matches(command, expected, actual);
            }
            catch (Exception e) when (e is ProtocolException or DirectoryUnavailableException or ArgumentException)
            {
                actualText = $"{e.GetType().Name}: {e.Message}";
            }

            transcript.Append($"  {i + 1,3}. {command} → {actualText}");
            transcript.AppendLine(same ? string.Empty : $"   <-- MISMATCH, model: {ReplyText.Describe(expected)}");
            if (!same)
            {
                return new SequenceOutcome(false, transcript.ToString());
            }
        }

        var difference = CompareState(await server.SnapshotAsync(), model);
        if (difference is not null)
        {
            transcript.AppendLine($"  final registry differs from the model: {difference}");
        }

        return new SequenceOutcome(difference is null, transcript.ToString());
    }

    /// <summary>The client's refusal, or null when it sent the request anyway.</summary>
    private static async Task<string?> RefusedAsync(Func<Task<DirectoryReply>> send)
    {
        try
        {
            await send();
            return null;
        }
        catch (ArgumentException e)
        {
            return $"refused by the client: {e.Message}";
        }
    }

    private static Task<DirectoryReply> SendAsync(DirectoryClient client, DirectoryCommand c) => c.Operation switch
    {
        Operation.Register => client.RegisterAsync(c.User),
        Operation.Unregister => client.UnregisterAsync(c.User),
        Operation.Connect => client.ConnectAsync(c.User, c.Port),
        Operation.Disconnect => client.DisconnectAsync(c.User),
        Operation.Publish => client.PublishAsync(c.User, c.FileName, c.Description),
        Operation.Delete => client.DeleteAsync(c.User, c.FileName),
        Operation.ListUsers => client.ListUsersAsync(c.User),
        Operation.ListContent => client.ListContentAsync(c.User, c.RemoteUser),
        Operation.FindSources => client.FindSourcesAsync(c.User, c.FileName),
        Operation.Search => client.SearchAsync(c.User, c.SearchText, c.MaxResults),
        _ => throw new ArgumentOutOfRangeException(nameof(c)),
    };

    /// <summary>The request a session sends for <paramref name="c"/>: the same fields, stamped the same way.</summary>
    internal static DirectoryRequest ToRequest(DirectoryCommand c)
    {
        var stamp = c.Stamped ? Stamp : null;
        return c.Operation switch
        {
            Operation.Register => new RegisterRequest(stamp, c.User),
            Operation.Unregister => new UnregisterRequest(stamp, c.User),
            Operation.Connect => new ConnectRequest(stamp, c.User, c.Port),
            Operation.Disconnect => new DisconnectRequest(stamp, c.User),
            Operation.Publish => new PublishRequest(stamp, c.User, c.FileName, c.Description),
            Operation.Delete => new DeleteRequest(stamp, c.User, c.FileName),
            Operation.ListUsers => new ListUsersRequest(stamp, c.User),
            Operation.ListContent => new ListContentRequest(stamp, c.User, c.RemoteUser),
            Operation.FindSources => new FindSourcesRequest(stamp, c.User, c.FileName),
            Operation.Search => new SearchRequest(stamp, c.User, c.SearchText, c.MaxResults),
            _ => throw new ArgumentOutOfRangeException(nameof(c)),
        };
    }

    /// <summary>Null when the registry holds exactly the model's users, states, addresses and files.</summary>
    public static string? CompareState(IReadOnlyList<RegisteredUser> snapshot, DirectoryModel model)
    {
        if (snapshot.Count != model.Users.Count)
        {
            return $"{snapshot.Count} users registered, model has {model.Users.Count}";
        }

        foreach (var user in snapshot)
        {
            if (!model.Users.TryGetValue(user.Name, out var expected))
            {
                return $"user {ReplyText.Quote(user.Name)} is not in the model";
            }

            var files = user.Files.Select(f => (f.FileName, f.Description)).ToHashSet();
            if (user.Connected != expected.Connected || (user.Connected && (user.Ip != expected.Ip || user.Port != expected.Port)) ||
                !files.SetEquals(expected.Files.Select(f => (f.Key, f.Value))))
            {
                return $"user {ReplyText.Quote(user.Name)}: connected={user.Connected} {user.Ip}:{user.Port} " +
                    $"{files.Count} files; model connected={expected.Connected} {expected.Ip}:{expected.Port} {expected.Files.Count} files";
            }
        }

        return null;
    }
}
