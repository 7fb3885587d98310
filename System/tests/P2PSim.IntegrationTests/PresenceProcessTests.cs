using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using P2PSim.Fixtures;
using P2PSim.Peer;
using P2PSim.Transport;
using P2PSim.Transport.Tcp;
using Xunit.Abstractions;

namespace P2PSim.IntegrationTests;

/// <summary>
/// Presence (docs/sessions.md §7) on the real executables: a <c>p2psim peer</c> process that CONNECTed over its
/// session and is then SIGKILLed stays listed for the server's <c>--presence-grace</c>, then is disconnected, and the
/// expiry is reported once as a DISCONNECT on the server console and at the log service (events 2030, 2031). A peer
/// that QUITs disconnects itself: one DISCONNECT, nothing orphaned.
/// </summary>
public sealed class PresenceProcessTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("p2psim-presence-");
    private LogServiceProcess? _logd;
    private DirectoryServerProcess? _server;
    private DirectoryClient? _watcher;

    private string DiagnosticsFile => Path.Combine(_root.FullName, "server-diagnostics.json");

    public async Task InitializeAsync()
    {
        _logd = await LogServiceProcess.StartAsync(0, Path.Combine(_root.FullName, "log-store.jsonl"));

        // Debug, so the session's close (2011) is in the file too: it is logged just before anything is orphaned.
        _server = await DirectoryServerProcess.StartAsync(
            "--presence-grace", Grace.TotalSeconds.ToString(CultureInfo.InvariantCulture),
            "--operation-log", $"127.0.0.1:{_logd.Port.ToString(CultureInfo.InvariantCulture)}",
            "--operation-journal", Path.Combine(_root.FullName, "server.journal"),
            "--log-level", "Debug",
            "--log-file", DiagnosticsFile,
            "--parent-pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture));

        // Another client, classic, so that it holds no session of its own: it only looks.
        _watcher = new DirectoryClient(TcpTransport.Instance, new TransportEndPoint("127.0.0.1", _server.Port));
        Assert.Equal(0, (await _watcher.RegisterAsync("watcher")).Code);
        Assert.Equal(0, (await _watcher.ConnectAsync("watcher", 1)).Code);
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (_server is not null)
            {
                output.WriteLine(_server.Node.Describe());
                await _server.DisposeAsync();
            }

            if (_logd is not null)
            {
                output.WriteLine(_logd.Node.Describe());
                await _logd.DisposeAsync();
            }
        }
        finally
        {
            _root.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_killed_peer_stays_listed_for_the_grace_then_is_disconnected_and_reported_once()
    {
        await using var frank = await StartConnectedPeerAsync("frank");

        await frank.KillAsync(Bound); // SIGKILL: no DISCONNECT, the kernel just closes its sockets
        await WaitForEventAsync(2030, "frank", Bound);
        var orphanedAt = Stopwatch.StartNew();
        var listed = await ListedAsync("frank");
        Assert.True(listed, $"frank should still be listed during the {Grace} grace ({orphanedAt.Elapsed} after the server saw the session lost)");

        // Gone once the grace has run out: polled, with a bound well past the grace.
        var deadline = Stopwatch.StartNew();
        while (await ListedAsync("frank"))
        {
            Assert.True(deadline.Elapsed < Grace + TimeSpan.FromSeconds(10), $"frank is still listed {deadline.Elapsed} after the grace began");
            await Task.Delay(100);
        }

        var events = ServerEvents("frank");
        var orphaned = Assert.Single(events, e => e.Id == 2030);
        var expired = Assert.Single(events, e => e.Id == 2031);
        Assert.True(
            expired.Timestamp - orphaned.Timestamp >= Grace - TimeSpan.FromMilliseconds(50),
            $"orphaned at {orphaned.Timestamp:O}, expired at {expired.Timestamp:O}: sooner than the grace");

        await AssertReportedOnceAsync("frank", DisconnectLine("frank"));
    }

    [Fact]
    public async Task A_peer_that_quits_disconnects_once_and_nothing_is_orphaned()
    {
        await using var grace = await StartConnectedPeerAsync("grace");

        await grace.WriteLineAsync("QUIT");
        Assert.True(await grace.WaitForExitAsync(Bound) == 0, grace.Describe());
        Assert.Contains("DISCONNECT OK", string.Join('\n', grace.StandardOutput), StringComparison.Ordinal);
        Assert.False(await ListedAsync("grace"));

        // The session's close is logged just before its users would be orphaned; the sentinel below gives that time.
        await WaitForEventAsync(2011, user: null, Bound);
        await AssertReportedOnceAsync("grace", DisconnectLine("grace"));
        Assert.DoesNotContain(ServerEvents("grace"), e => e.Id is 2030 or 2031);
    }

    /// <summary>A <c>p2psim peer</c> process that REGISTERed and CONNECTed <paramref name="user"/> over its session, and is listed.</summary>
    private async Task<ChildProcess> StartConnectedPeerAsync(string user)
    {
        var share = Directory.CreateDirectory(Path.Combine(_root.FullName, user)).FullName;
        var peer = ChildProcess.Start(
            "dotnet",
            [
                RepositoryPaths.P2PSimDll, "peer", "--directory", $"127.0.0.1:{_server!.Port.ToString(CultureInfo.InvariantCulture)}",
                "--share", share, "--listen-host", "127.0.0.1", "--parent-pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
            ],
            workingDirectory: share);
        try
        {
            foreach (var command in new[] { $"REGISTER {user}", $"CONNECT {user}", "LIST_USERS" })
            {
                await peer.WriteLineAsync(command);
            }

            await peer.WaitForLineAsync(new Regex($@"(?:^|\s){Regex.Escape(user)} 127\.0\.0\.1 \d+$"), Bound);
            Assert.Contains(peer.StandardOutput, l => l.EndsWith("CONNECT OK", StringComparison.Ordinal));
            Assert.True(await ListedAsync(user), $"{user} should be listed once connected");
            await WaitForEventAsync(2010, user: null, Bound); // its session opened: CONNECT went over it
            return peer;
        }
        catch
        {
            output.WriteLine(peer.Describe());
            await peer.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Exactly one <paramref name="line"/> for <paramref name="user"/> on the server console and at the log service.
    /// A later operation of the watcher is awaited in both first: each writes in order, so a second report made
    /// before it would show by then.
    /// </summary>
    private async Task AssertReportedOnceAsync(string user, Regex line)
    {
        var logLine = new Regex($"^{Regex.Escape(user)} DISCONNECT ");
        await _server!.Node.WaitForLineAsync(line, Bound);
        await _logd!.Node.WaitForLineAsync(logLine, Bound);

        int OnConsole() => _server.Node.StandardOutput.Count(l => l == "s> OPERATION LIST_USERS FROM watcher");
        int AtLogService() => _logd.Node.StandardOutput.Count(l => l.StartsWith("watcher LIST_USERS ", StringComparison.Ordinal));
        var (console, logged) = (OnConsole(), AtLogService());
        Assert.True((await _watcher!.ListUsersAsync("watcher")).IsOk);
        await WaitForCountAsync(OnConsole, console + 1);
        await WaitForCountAsync(AtLogService, logged + 1);

        Assert.Equal(1, _server.Node.StandardOutput.Count(line.IsMatch));
        Assert.Equal(1, _logd.Node.StandardOutput.Count(logLine.IsMatch));
    }

    private async Task<bool> ListedAsync(string user)
    {
        var reply = await _watcher!.ListUsersAsync("watcher");
        Assert.True(reply.IsOk, $"LIST_USERS answered {reply.Code}");
        return reply.Users!.Any(u => u.Name == user);
    }

    private async Task WaitForEventAsync(int id, string? user, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!ServerEvents(user).Any(e => e.Id == id))
        {
            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"No event {id}{(user is null ? string.Empty : " for " + user)} within {timeout}.\n{_server!.Node.Describe()}");
            }

            await Task.Delay(50);
        }
    }

    private static async Task WaitForCountAsync(Func<int> count, int expected)
    {
        var deadline = Stopwatch.StartNew();
        while (count() < expected)
        {
            Assert.True(deadline.Elapsed < Bound, $"only {count()} of {expected} lines within {Bound}");
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// The server's diagnostics events (Serilog JSON lines) about <paramref name="user"/>, or all when null. The file is
    /// being written meanwhile, so a last line cut short is skipped.
    /// </summary>
    private List<(int Id, DateTimeOffset Timestamp)> ServerEvents(string? user)
    {
        var events = new List<(int, DateTimeOffset)>();
        if (!File.Exists(DiagnosticsFile))
        {
            return events;
        }

        using var file = new FileStream(DiagnosticsFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(file);
        while (reader.ReadLine() is { } line)
        {
            try
            {
                using var json = JsonDocument.Parse(line);
                var properties = json.RootElement.GetProperty("Properties");
                if (!properties.TryGetProperty("EventId", out var eventId))
                {
                    continue;
                }

                if (user is null || (properties.TryGetProperty("User", out var name) && name.GetString() == user))
                {
                    events.Add((eventId.GetProperty("Id").GetInt32(), json.RootElement.GetProperty("Timestamp").GetDateTimeOffset()));
                }
            }
            catch (JsonException)
            {
                // the line being written
            }
        }

        return events;
    }

    private static Regex DisconnectLine(string user) => new($"^s> OPERATION DISCONNECT FROM {Regex.Escape(user)}$");
}
