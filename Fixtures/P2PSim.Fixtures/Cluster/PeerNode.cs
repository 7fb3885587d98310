using System.Text.RegularExpressions;
using P2PSim.Peer;
using P2PSim.Peer.Serving;
using P2PSim.Protocol.Messages;

namespace P2PSim.Fixtures.Cluster;

/// <summary>
/// A peer as a cluster node, registered, connected (with the port its file server got) and publishing at its
/// directory. In process: its <see cref="FileServerHost"/> on the share folder, as the shell runs it between CONNECT
/// and DISCONNECT. As a process: the <c>p2psim peer</c> shell, fed those commands on stdin and ready once its own
/// LIST_USERS line shows where it serves (the shell picks a fresh port at every CONNECT). A graceful stop
/// disconnects first; a crash leaves the directory believing it is connected, until the restart connects again.
/// </summary>
internal static class PeerNode
{
    public static Func<NodeStart, Task<RunningNode>> Factory(NodeBackend backend, PeerNodeOptions options) =>
        backend == NodeBackend.InProcess ? start => InProcessAsync(start, options) : start => ProcessAsync(start, options);

    private static async Task<RunningNode> ProcessAsync(NodeStart start, PeerNodeOptions options)
    {
        if (options.WrapServingTransport is not null)
        {
            throw new NotSupportedException($"{start.Node.Name}: a peer process serves on its own sockets; {nameof(PeerNodeOptions.WrapServingTransport)} is for in-process peers.");
        }

        var user = options.UserName ?? start.Node.Name;
        var directory = Directory(start.Cluster, options);
        List<string> commands = [$"REGISTER {user}", $"DISCONNECT {user}", $"CONNECT {user}"]; // DISCONNECT: after a crash it is still connected
        commands.AddRange(options.Publish.Select(p => $"PUBLISH {p.FileName} {p.Description}"));
        commands.Add("LIST_USERS");
        return await ProcessNode.StartAsync(
            start,
            new Regex($@"(?:^|\s){Regex.Escape(user)} (?<host>\d+\.\d+\.\d+\.\d+) (?<port>\d+)$"),
            ["peer", "--directory", directory.EndPoint.ToString(), "--share", Share(start, options), "--listen-host", start.BindAt.Host],
            commands,
            workingDirectory: start.Node.DataDirectory); // where its GET_FILE downloads land
    }

    private static async Task<RunningNode> InProcessAsync(NodeStart start, PeerNodeOptions options)
    {
        var output = new NodeOutput();
        var loggers = new NodeLoggerFactory(output);
        var user = options.UserName ?? start.Node.Name;
        var share = Share(start, options);
        var directory = Directory(start.Cluster, options);
        var serving = options.WrapServingTransport?.Invoke(start.Transport) ?? start.Transport;
        var server = await FileServerHost.StartAsync(
            serving, start.BindAt, new FileServerOptions(share), loggers.CreateLogger("P2PSim.Peer"), start.CancellationToken);
        var client = new DirectoryClient(start.Transport, directory.EndPoint, logger: loggers.CreateLogger("P2PSim.Peer.DirectoryClient"));
        try
        {
            // A restarted peer finds its user registered, and after a crash still connected: both are fine.
            Expect(await client.RegisterAsync(user, start.CancellationToken), "REGISTER", 0, 1);
            var connect = await client.ConnectAsync(user, server.EndPoint.Port, start.CancellationToken);
            if (connect.Code == 2)
            {
                Expect(await client.DisconnectAsync(user, start.CancellationToken), "DISCONNECT", 0);
                connect = await client.ConnectAsync(user, server.EndPoint.Port, start.CancellationToken);
            }

            Expect(connect, "CONNECT", 0);
            foreach (var (file, description) in options.Publish)
            {
                Expect(await client.PublishAsync(user, file, description, start.CancellationToken), "PUBLISH " + file, 0, 3);
            }
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        output.Add($"c> {user} serving {share} at {server.EndPoint}, connected at {directory.Name} {directory.EndPoint}");
        return new InProcessNode(start, server.EndPoint, output, async graceful =>
        {
            if (graceful && directory.IsRunning)
            {
                try
                {
                    await client.DisconnectAsync(user);
                }
                catch (DirectoryUnavailableException e)
                {
                    output.Add($"c> DISCONNECT failed: {e.Message}");
                }
            }

            await server.DisposeAsync();
        });
    }

    private static string Share(NodeStart start, PeerNodeOptions options) =>
        options.Share ?? System.IO.Directory.CreateDirectory(Path.Combine(start.Node.DataDirectory, "share")).FullName;

    private static NodeHandle Directory(Cluster cluster, PeerNodeOptions options) =>
        options.Directory is { } name ? cluster[name] : OnlyDirectory(cluster);

    private static NodeHandle OnlyDirectory(Cluster cluster)
    {
        var directories = cluster.Nodes.Where(n => n.Kind == NodeKind.Directory).ToList();
        return directories.Count == 1
            ? directories[0]
            : throw new InvalidOperationException($"The cluster has {directories.Count} directory nodes: say which one the peer uses ({nameof(PeerNodeOptions)}.{nameof(PeerNodeOptions.Directory)}).");
    }

    private static void Expect(DirectoryReply reply, string what, params int[] codes)
    {
        if (!codes.Contains(reply.Code))
        {
            throw new InvalidOperationException($"{what} answered {reply.Code}, expected {string.Join(" or ", codes)}.");
        }
    }
}
