using System.CommandLine;
using System.Net;
using System.Security.Cryptography;
using P2PSim.Cli.Demo;
using P2PSim.Cli.Hosting;
using P2PSim.Cli.Options;
using P2PSim.DirectoryServer;
using P2PSim.DirectoryServer.Sessions;
using P2PSim.LogService;
using P2PSim.LogSink;
using P2PSim.TimeService;
using P2PSim.Transport;
using P2PSim.Transport.Capture;
using P2PSim.Transport.Hosting;
using P2PSim.Transport.Tcp;
using P2PSim.Transport.Throttling;
using P2PSim.Transport.Udp;

namespace P2PSim.Cli.Commands;

/// <summary>
/// <c>p2psim demo</c>: a directory server, log and time services and five peers on loopback real sockets, driven
/// through the classic shell, with a transcript: the classic operations, a GET_FILE, and a GET_MULTIFILE from three
/// throttled sources one of which stops mid-transfer, a password-protected account (docs/sessions.md §6) that
/// another peer cannot act as, and presence (docs/sessions.md §7): a sixth peer, a p2psim process of its own, is
/// killed and stays listed for the server's grace period, then is disconnected. Exits 0 only when both copies are
/// byte-identical to their originals, the account held, presence behaved so, and every operation reached the log
/// service.
/// </summary>
internal static class DemoCommand
{
    /// <summary>The largest song the demo will make: 1 GiB, in KiB.</summary>
    private const int MaxFileSizeKiB = 1024 * 1024;

    /// <summary>How long the demo server keeps a user listed after its session was lost: short, so the demo stays quick.</summary>
    private static readonly TimeSpan PresenceGrace = TimeSpan.FromSeconds(2);

    /// <summary>Bound on each wait of the presence step beyond the grace itself.</summary>
    private static readonly TimeSpan PresenceTimeout = TimeSpan.FromSeconds(15);

    public static Command Create()
    {
        var size = NumberOption.Count(
            "--file-size",
            $"Size in KiB of song.mp3, the file carol fetches from alice with GET_FILE (at most {MaxFileSizeKiB}); the GET_MULTIFILE movie is always {MovieSize / (1024 * 1024)} MiB.",
            1024,
            max: MaxFileSizeKiB);
        var sharedRegistry = RegistryOption.Create();
        var capture = PathOption.File(
            "--capture",
            "Also write every connection of the demo's server, log service and peers to this pcapng file, for Wireshark with P2PSim's dissector (docs/wireshark.md).");
        var command = new Command(
            "demo",
            "Run a directory server, the log and time services and six peers on loopback sockets, and show them working: the classic operations, " +
            "a GET_FILE, a GET_MULTIFILE from three throttled sources one of which leaves mid-transfer, a protected account, and a peer process " +
            "killed without DISCONNECT that stays listed for the server's presence grace, then is disconnected. Exit 0 only when both copies match " +
            "their originals, the account and presence behaved, and every operation reached the log service.")
        {
            size, sharedRegistry, capture,
        };
        CommonOptions.AddTo(command);
        CommandRunner.SetAction(command, async (parse, diagnostics, cancellationToken) =>
        {
            var root = Directory.CreateTempSubdirectory("p2psim-demo-");
            var captureFile = parse.GetValue(capture);
            using var traffic = captureFile is null ? null : OpenCapture(captureFile);
            try
            {
                var transport = traffic?.Wrap(TcpTransport.Instance) ?? TcpTransport.Instance;
                var code = await RunAsync(root.FullName, parse.GetValue(size) * 1024, parse.GetValue(sharedRegistry), transport, Console.Out, cancellationToken);
                if (traffic is not null)
                {
                    traffic.Dispose();
                    Console.Out.WriteLine($"demo: {traffic.Packets} packets written to {captureFile!.FullName}; open it with System/P2PSim.Wireshark/p2psim.lua (docs/wireshark.md)");
                }

                return code;
            }
            finally
            {
                root.Delete(recursive: true);
            }
        });
        return command;
    }

    /// <summary>The capture file, created up front so a path that cannot be written stops the demo before it starts.</summary>
    private static TrafficCapture OpenCapture(FileInfo file)
    {
        try
        {
            return TrafficCapture.ToFile(file.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--capture {file.FullName} cannot be written ({e.Message}): give a file you may create", e);
        }
    }

    /// <summary>
    /// Runs the demo over <paramref name="transport"/> (TCP on loopback, or TCP recorded by a capture): every
    /// connection of the server, the log service, its sink and the in-process peers goes through it.
    /// </summary>
    private static async Task<int> RunAsync(
        string root, int fileSize, IReadOnlyList<DnsEndPoint>? redis, ITransport transport, TextWriter console, CancellationToken cancellationToken)
    {
        var transcript = TextWriter.Synchronized(console);

        // The log service first, so the server's asynchronous log sink has somewhere to send from the start.
        using var logStore = new LogStore(Path.Combine(root, "operations.jsonl"), TextWriter.Synchronized(new TranscriptWriter("logd", transcript)));
        await using var logd = await LogServerHost.StartAsync(
            transport, UdpTransport.Instance, new TransportEndPoint("127.0.0.1", 0), logStore, cancellationToken: cancellationToken);
        transcript.WriteLine(TranscriptWriter.Label("logd") + $"l> init log service {logd.EndPoint} (ONC-RPC; the server logs to it asynchronously)");
        await using var operationLog = new RpcLogSink(
            transport, new RpcLogSinkOptions(logd.EndPoint, "demo-server") { JournalPath = Path.Combine(root, "server.journal") });

        // The console first, so that the expiry's DISCONNECT is in the transcript before the presence watch sees it.
        var frankPresence = new PresenceWatch("frank");
        await using var store = await DemoStore.OpenAsync(redis, transcript);
        await using var server = await DirectoryServerHost.StartAsync(
            transport,
            new TransportEndPoint("127.0.0.1", 0),
            new DirectoryServerOptions { Sessions = new SessionOptions { PresenceGrace = PresenceGrace } },
            new CompositeOperationSink(new DemoServerConsole(transcript), operationLog, frankPresence),
            registry: store.Registry,
            cancellationToken: cancellationToken);
        transcript.WriteLine(TranscriptWriter.Label("server") + $"s> init server {server.EndPoint}");
        await using var timed = await TimeServiceHost.StartAsync("http://127.0.0.1:0", ct: cancellationToken);
        transcript.WriteLine(TranscriptWriter.Label("timed") + $"t> time service at {timed.BaseAddress}; carol stamps every operation with it");
        using var timeClient = new TimeServiceClient(timed.BaseAddress);
        var stamps = new TimestampSource(timeClient);

        var original = CreateShare(root, "alice", "song.mp3", fileSize);
        CreateShare(root, "bob", "notes.txt", 4 * 1024);
        var carolShare = CreateShare(root, "carol", null, 0);
        CreateShare(root, "dave", null, 0);
        var erinShare = CreateShare(root, "erin", null, 0);
        var frankShare = CreateShare(root, "frank", null, 0);
        var movie = CreateShare(root, "alice", "movie.bin", MovieSize);
        foreach (var holder in new[] { "bob", "dave" })
        {
            File.Copy(movie, Path.Combine(root, holder, "movie.bin"));
        }

        // The movie's sources serve at 4 MiB/s each, so the transfer is still running when dave stops.
        var slow = new ThrottledTransport(transport, 4 * 1024 * 1024);
        var quarterWay = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var protectedHeld = false;
        var presenceShown = false;
        await using (var alice = new DemoPeer("alice", server.EndPoint, Path.Combine(root, "alice"), transcript, transport: slow))
        await using (var bob = new DemoPeer("bob", server.EndPoint, Path.Combine(root, "bob"), transcript, transport: slow))
        await using (var dave = new DemoPeer("dave", server.EndPoint, Path.Combine(root, "dave"), transcript, transport: slow))
        await using (var carol = new DemoPeer("carol", server.EndPoint, carolShare, transcript, stamps.GetAsync, transport: transport,
            configure: o => o with { DownloadProgress = _ => new QuarterWaySignal(quarterWay) }))
        {
            foreach (var peer in new[] { alice, bob, carol, dave })
            {
                await peer.RunAsync($"REGISTER {peer.Name}");
                await peer.RunAsync($"CONNECT {peer.Name}");
            }

            await alice.RunAsync("PUBLISH song.mp3 a demo song, random bytes");
            foreach (var holder in new[] { alice, bob, dave })
            {
                await holder.RunAsync("PUBLISH movie.bin a film every peer but carol has");
            }

            // Multi-source: carol fetches the movie from alice, bob and dave at once; dave leaves a quarter of the way in.
            var multi = carol.RunAsync("GET_MULTIFILE movie.bin movie-copy.bin");
            await Task.WhenAny(multi, quarterWay.Task);
            await dave.RunAsync("DISCONNECT dave");
            await multi;
            await bob.RunAsync("PUBLISH notes.txt meeting notes");
            await bob.RunAsync("PUBLISH notes.txt meeting notes");
            await carol.RunAsync("LIST_USERS");
            await carol.RunAsync("LIST_CONTENT alice");
            await carol.RunAsync("GET_FILE alice song.mp3 song-copy.mp3");
            await carol.RunAsync("GET_FILE bob missing.txt missing.txt");
            protectedHeld = await ShowAccountAsync(server, erinShare, carol, transport, transcript);
            presenceShown = await ShowPresenceAsync(server, frankShare, frankPresence, carol, transcript, cancellationToken);
            await alice.RunAsync("DELETE song.mp3");
            await carol.RunAsync("LIST_CONTENT alice");
            await bob.RunAsync("DISCONNECT bob");
            await carol.RunAsync("LIST_USERS");
            await bob.RunAsync("UNREGISTER bob");
            await carol.RunAsync("QUIT");
        }

        await operationLog.DisposeAsync(); // flushes the last entries to the log service before the summary
        var copy = Path.Combine(carolShare, "song-copy.mp3");
        var movieCopy = Path.Combine(carolShare, "movie-copy.bin");
        var verified = File.Exists(copy) && SameContent(original, copy);
        var movieVerified = File.Exists(movieCopy) && SameContent(movie, movieCopy);
        var logged = operationLog.Sent == operationLog.Queued;
        transcript.WriteLine();
        transcript.WriteLine(
            $"demo: {operationLog.Queued} operations, {operationLog.Sent} delivered to the log service over ONC-RPC" +
            (logged ? string.Empty : " (FAILED: some are missing)"));
        transcript.WriteLine(verified
            ? $"demo: song.mp3 ({fileSize} bytes) went from alice to carol peer-to-peer; SHA-256 matches. Registry at the end: {await DescribeAsync(server)}"
            : "demo: FAILED: carol's copy of song.mp3 is missing or differs from alice's.");
        transcript.WriteLine(movieVerified
            ? $"demo: movie.bin ({MovieSize / (1024 * 1024)} MiB) reached carol from three sources at once, dave stopping on the way; SHA-256 matches."
            : "demo: FAILED: carol's multi-source copy of movie.bin is missing or differs.");
        transcript.WriteLine(protectedHeld
            ? "demo: erin's account held: carol could neither disconnect erin nor log in as her with a wrong password."
            : "demo: FAILED: carol acted as erin, whose account is password-protected.");
        transcript.WriteLine(presenceShown
            ? $"demo: frank's killed process sent no DISCONNECT; carol saw him listed during the {PresenceGrace.TotalSeconds:0} s grace and gone after it, the server reporting the DISCONNECT."
            : "demo: FAILED: frank, killed without DISCONNECT, was not listed during the grace or still listed after it.");
        return verified && movieVerified && logged && protectedHeld && presenceShown ? 0 : 1;
    }

    private const int MovieSize = 16 * 1024 * 1024;

    /// <summary>
    /// erin makes a password-protected account over her session and connects; carol, not logged in, tries to
    /// disconnect her and to log in as her with a wrong password. True when erin is still connected at the end.
    /// </summary>
    private static async Task<bool> ShowAccountAsync(
        RunningServer<P2PSim.DirectoryServer.DirectoryServer> server, string erinShare, DemoPeer carol, ITransport transport, TextWriter transcript)
    {
        await using var erin = new DemoPeer("erin", server.EndPoint, erinShare, transcript, transport: transport);
        await erin.RunAsync("ACCOUNT erin");
        await erin.TypePasswordAsync("erin's demo password");
        await erin.RunAsync("CONNECT erin");
        await carol.RunAsync("DISCONNECT erin");
        await carol.RunAsync("LOGIN erin");
        await carol.TypePasswordAsync("a guess");
        await carol.RunAsync("LIST_USERS");
        return (await server.Registry.SnapshotAsync()).SingleOrDefault(u => u.Name == "erin") is { Protected: true, Connected: true };
    }

    /// <summary>
    /// frank runs as a p2psim peer process of his own and connects over a session; the process is killed (SIGKILL),
    /// so no DISCONNECT is sent and the server only sees the session's socket close. carol's LIST_USERS still shows
    /// him during the grace and no longer once the server has disconnected him. True when both lists show that.
    /// </summary>
    private static async Task<bool> ShowPresenceAsync(
        RunningServer<DirectoryServer.DirectoryServer> server, string frankShare, PresenceWatch frankPresence, DemoPeer carol, TextWriter transcript, CancellationToken cancellationToken)
    {
        var label = TranscriptWriter.Label("demo");
        try
        {
            await using var frank = DemoPeerProcess.Start(frankPresence.User, server.EndPoint, frankShare, transcript);
            transcript.WriteLine(label + $"frank runs as a separate process, p2psim peer (pid {frank.Pid}); his shell keeps a session with the server");
            await frank.RunAsync("REGISTER frank", cancellationToken);
            if (!(await frank.RunAsync("CONNECT frank", cancellationToken)).Contains("CONNECT OK"))
            {
                return false;
            }

            await frank.KillAsync(cancellationToken);
            await frankPresence.WaitOrphanedAsync(() => server.Server.PresenceGracePending, PresenceTimeout, cancellationToken);
            transcript.WriteLine(label + $"frank's process killed (SIGKILL): no DISCONNECT, his session lost; the server keeps him listed for {PresenceGrace.TotalSeconds:0} s");
            var listedDuring = Lists(await carol.RunAsync("LIST_USERS"), "frank");
            await frankPresence.Expired.WaitAsync(PresenceGrace + PresenceTimeout, cancellationToken);
            transcript.WriteLine(label + "the grace ran out: the server disconnected frank and reported it as his DISCONNECT");
            var listedAfter = Lists(await carol.RunAsync("LIST_USERS"), "frank");
            return listedDuring && !listedAfter;
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
        {
            transcript.WriteLine(label + $"presence step failed: {CommandRunner.OneLine(e.Message)}");
            return false;
        }
    }

    /// <summary>Whether a LIST_USERS answer lists <paramref name="user"/> (its lines are <c>user ip port</c>).</summary>
    private static bool Lists(IReadOnlyList<string> answer, string user) =>
        answer.Any(line => line.StartsWith(user + " ", StringComparison.Ordinal));

    private static string CreateShare(string root, string peer, string? fileName, int size)
    {
        var folder = Directory.CreateDirectory(Path.Combine(root, peer)).FullName;
        if (fileName is null)
        {
            return folder;
        }

        var path = Path.Combine(folder, fileName);
        File.WriteAllBytes(path, RandomNumberGenerator.GetBytes(size));
        return path;
    }

    private static bool SameContent(string a, string b)
    {
        using var first = File.OpenRead(a);
        using var second = File.OpenRead(b);
        return SHA256.HashData(first).AsSpan().SequenceEqual(SHA256.HashData(second));
    }

    private static async Task<string> DescribeAsync(RunningServer<P2PSim.DirectoryServer.DirectoryServer> server) =>
        string.Join(", ", (await server.Registry.SnapshotAsync()).Select(u => $"{u.Name} ({(u.Connected ? "connected" : "disconnected")}, {u.Files.Count} files)"));
}
