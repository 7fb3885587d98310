using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace P2PSim.Fixtures;

/// <summary>
/// A Redis Cluster of three primaries on 127.0.0.1 (no replicas): three <c>redis-server --cluster-enabled yes</c>
/// processes, joined by <c>redis-cli --cluster create</c>, ready once every node reports <c>cluster_state:ok</c>.
/// Its files live in a temporary folder, deleted on dispose.
/// </summary>
public sealed class RedisClusterProcess : IAsyncDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly DirectoryInfo _folder;

    private RedisClusterProcess(IReadOnlyList<RedisServerProcess> nodes, DirectoryInfo folder)
    {
        Nodes = nodes;
        _folder = folder;
    }

    public IReadOnlyList<RedisServerProcess> Nodes { get; }

    /// <summary>Where P2PSim's <c>--registry</c> finds it: every node.</summary>
    public string Url => "redis://" + string.Join(",", Nodes.Select(n => $"127.0.0.1:{n.Port.ToString(CultureInfo.InvariantCulture)}"));

    public IReadOnlyList<DnsEndPoint> EndPoints => [.. Nodes.Select(n => n.EndPoint)];

    public static async Task<RedisClusterProcess> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("p2psim-redis-cluster-");
        var nodes = new List<RedisServerProcess>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                nodes.Add(await RedisServerProcess.StartAsync(
                    0, "--cluster-enabled", "yes", "--cluster-config-file", $"nodes-{i}.conf", "--dir", folder.FullName));
            }

            var create = await RunCliAsync(
                ["--cluster", "create", .. nodes.Select(n => $"127.0.0.1:{n.Port.ToString(CultureInfo.InvariantCulture)}"), "--cluster-replicas", "0", "--cluster-yes"]);
            if (create.ExitCode != 0)
            {
                throw new InvalidOperationException($"redis-cli --cluster create failed ({create.ExitCode}): {create.Output}");
            }

            var deadline = Stopwatch.StartNew();
            foreach (var node in nodes)
            {
                while (!(await RunCliAsync(["-p", node.Port.ToString(CultureInfo.InvariantCulture), "cluster", "info"])).Output.Contains("cluster_state:ok", StringComparison.Ordinal))
                {
                    if (deadline.Elapsed > Bound)
                    {
                        throw new TimeoutException($"The cluster did not reach cluster_state:ok within {Bound}.");
                    }

                    await Task.Delay(100);
                }
            }

            return new RedisClusterProcess(nodes, folder);
        }
        catch
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }

            folder.Delete(recursive: true);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
        {
            await node.DisposeAsync();
        }

        _folder.Delete(recursive: true);
    }

    private static async Task<(int ExitCode, string Output)> RunCliAsync(IEnumerable<string> arguments)
    {
        await using var cli = ChildProcess.Start("redis-cli", arguments);
        var code = await cli.WaitForExitAsync(Bound);
        return (code, string.Join("\n", cli.StandardOutput) + cli.StandardError);
    }
}
