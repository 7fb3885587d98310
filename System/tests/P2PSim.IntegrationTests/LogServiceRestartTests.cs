using System.Text.Json;
using P2PSim.DirectoryServer;
using P2PSim.Fixtures.Cluster;
using P2PSim.LogSink;
using P2PSim.Peer;
using P2PSim.Transport.Tcp;
using Xunit.Abstractions;

namespace P2PSim.IntegrationTests;

/// <summary>
/// No record lost, none twice: the log service process is killed (SIGKILL) in the middle of a load of directory
/// operations and started again on the same port and durable log; in the end every operation's entry is in the
/// durable log exactly once, in order.
/// </summary>
public sealed class LogServiceRestartTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Every_entry_arrives_exactly_once_across_a_killed_log_service()
    {
        var cluster = new ClusterBuilder().WithOutput(output.WriteLine).AddLogService("logd", NodeBackend.Process).Build();
        await using (cluster)
        {
            var logd = cluster["logd"];
            await cluster.StartNodeAsync(logd);
            var port = logd.Port;
            var durableLog = LogServiceNodeOptions.StorePath(logd);

            const string sender = "restart-test";
            var sink = new RpcLogSink(TcpTransport.Instance, new RpcLogSinkOptions(logd.EndPoint, sender)
            {
                JournalPath = Path.Combine(cluster.DataRoot, "server.journal"),
                MaxQueuedEntries = 200, // small, so the outage also exercises the spill journal
                MinRetryDelay = TimeSpan.FromMilliseconds(20),
                MaxRetryDelay = TimeSpan.FromMilliseconds(200),
            });
            await using var server = await DirectoryServerHost.StartAsync(TcpTransport.Instance, new("127.0.0.1", 0), sink: sink);
            var client = new DirectoryClient(TcpTransport.Instance, server.EndPoint);

            const int operations = 1500;
            for (var i = 0; i < operations; i++)
            {
                if (i == 500)
                {
                    await cluster.StopNodeAsync(logd, graceful: false); // SIGKILL
                }

                if (i == 1000)
                {
                    await cluster.StartNodeAsync(logd); // same port, same data folder
                    Assert.Equal(port, logd.Port);
                }

                await client.RegisterAsync($"user{i}");
            }

            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (sink.Pending > 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }

            output.WriteLine($"queued {sink.Queued}, sent {sink.Sent}, retried {sink.Retried}, spilled {sink.Spilled}, pending {sink.Pending}");
            Assert.Equal(0, sink.Pending);
            await sink.DisposeAsync();

            var sequences = Entries(durableLog)
                .Where(e => e.GetProperty("sender").GetString() == sender)
                .Select(e => e.GetProperty("sequence").GetUInt64())
                .ToArray();
            Assert.Equal(Enumerable.Range(1, operations).Select(i => (ulong)i), sequences);
            Assert.True(sink.Spilled > 0, "the outage should have spilled entries to the journal");
        }
    }

    /// <summary>
    /// The store's entries. The SIGKILL can cut a write short: the store ends that torn line when it restarts and
    /// skips it on every reload, so it is skipped here too (the entry itself is retried and stored whole).
    /// </summary>
    private static List<JsonElement> Entries(string path)
    {
        var entries = new List<JsonElement>();
        foreach (var line in File.ReadLines(path))
        {
            try
            {
                entries.Add(JsonDocument.Parse(line).RootElement);
            }
            catch (JsonException)
            {
                // the torn line
            }
        }

        return entries;
    }
}
