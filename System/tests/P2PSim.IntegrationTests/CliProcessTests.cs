using P2PSim.Fixtures;

namespace P2PSim.IntegrationTests;

/// <summary>The <c>p2psim peer</c> and <c>p2psim demo</c> commands as a user runs them.</summary>
public sealed class CliProcessTests
{
    [Fact]
    public async Task Demo_exits_zero_after_a_verified_transfer()
    {
        await using var demo = ChildProcess.StartP2PSim("demo", "--file-size", "256");
        Assert.True(await demo.WaitForExitAsync(TimeSpan.FromMinutes(2)) == 0, demo.Describe());
        Assert.Contains(demo.StandardOutput, l => l.Contains("SHA-256 matches", StringComparison.Ordinal));
        Assert.Contains(demo.StandardOutput, l => l == "carol  │ GET_FILE OK");

        // frank, a peer process of his own, killed: listed by carol during the grace, reported as DISCONNECT after it.
        Assert.Contains(demo.StandardOutput, l => l.StartsWith("demo: frank's killed process sent no DISCONNECT", StringComparison.Ordinal));
        Assert.Single(demo.StandardOutput, l => l == "server │ s> OPERATION DISCONNECT FROM frank");
    }

    [Fact]
    public async Task Demo_runs_on_a_registry_in_redis_and_leaves_no_user_behind()
    {
        await using var redis = await RedisServerProcess.StartAsync();
        await using var demo = ChildProcess.StartP2PSim("demo", "--file-size", "256", "--registry", redis.Url);
        Assert.True(await demo.WaitForExitAsync(TimeSpan.FromMinutes(2)) == 0, demo.Describe());
        Assert.Contains(demo.StandardOutput, l => l.StartsWith("server │ registry in Redis at 127.0.0.1:", StringComparison.Ordinal));
        Assert.Contains(demo.StandardOutput, l => l.Contains("SHA-256 matches", StringComparison.Ordinal));
        Assert.Contains(demo.StandardOutput, l => l.StartsWith("demo: frank's killed process sent no DISCONNECT", StringComparison.Ordinal));

        await using var keys = ChildProcess.Start("redis-cli", ["-p", redis.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--scan", "--pattern", "*:u:*"]);
        Assert.Equal(0, await keys.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.DoesNotContain(keys.StandardOutput, l => l.Length > 0);
    }

    [Fact]
    public async Task Scripted_peer_shell_prints_the_classic_messages()
    {
        await using var server = await DirectoryServerProcess.StartAsync();
        var share = Directory.CreateTempSubdirectory("p2psim-peer-");
        try
        {
            await using var peer = ChildProcess.StartP2PSim(
                "peer", "-s", server.Host, "-p", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--share", share.FullName);
            foreach (var line in new[] { "REGISTER alice", "register alice", "CONNECT alice", "LIST_USERS", "PUBLISH", "FROB", "QUIT" })
            {
                await peer.WriteLineAsync(line);
            }

            Assert.True(await peer.WaitForExitAsync(TimeSpan.FromSeconds(30)) == 0, peer.Describe());
            var output = string.Join("\n", peer.StandardOutput);
            Assert.Contains("c> REGISTER OK", output, StringComparison.Ordinal);
            Assert.Contains("c> USERNAME IN USE", output, StringComparison.Ordinal);
            Assert.Contains("c> CONNECT OK", output, StringComparison.Ordinal);
            Assert.Contains("c> LIST_USERS OK\nalice 127.0.0.1 ", output, StringComparison.Ordinal);
            Assert.Contains("Syntax error. Usage: PUBLISH <fileName> <description>", output, StringComparison.Ordinal);
            Assert.Contains("Error: command FROB not valid.", output, StringComparison.Ordinal);
            Assert.EndsWith("DISCONNECT OK\n+++ FINISHED +++", output, StringComparison.Ordinal);
        }
        finally
        {
            share.Delete(recursive: true);
        }
    }
}
