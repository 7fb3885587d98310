using System.CommandLine;
using System.Net;
using Microsoft.Extensions.Logging;
using P2PSim.Cli.Hosting;
using P2PSim.Cli.Options;
using P2PSim.DirectoryServer;
using P2PSim.DirectoryServer.Registry;
using P2PSim.DirectoryServer.Registry.Durable;
using P2PSim.DirectoryServer.Registry.Redis;
using P2PSim.DirectoryServer.Sessions;
using P2PSim.LogSink;
using P2PSim.Protocol;
using P2PSim.Transport;
using P2PSim.Transport.Tcp;

namespace P2PSim.Cli.Commands;

/// <summary><c>p2psim server -p PORT</c>: the directory server on real sockets, with the classic console (spec §5).</summary>
internal static class ServerCommand
{
    public static Command Create()
    {
        var port = PortOption.Listen(DirectoryOption.Default.Port, "the directory server");
        var host = ListenHostOption.Create("--host", "Address to listen on; 0.0.0.0 for every interface.");
        var encoding = ResultEncodingOption.Create("the server");
        var listContent = EnumOption.Create(
            "--list-content",
            "What a classic LIST_CONTENT reply carries per file: described (name and description, the default) or names (the name only, for classic clients written for servers that send names only).",
            ListContentShape.Described,
            lowerCase: true);
        var maxConnections = NumberOption.Count(
            "--max-connections", "Connections served at once; more are closed at once.", 1024);
        var requestTimeout = NumberOption.Seconds(
            "--request-timeout", "Seconds a client has to send its whole request and read the reply; a silent or trickling client is dropped.", 10);
        var operationLog = new EarlierSpelling<TransportEndPoint?>(LogServiceAddress.Create(), "--log-rpc");
        var journal = new EarlierSpelling<FileInfo?>(
            PathOption.File(
                "--operation-journal",
                "Where operation log entries spill when the log service is down or slow and the memory bound is reached; delivered first on the next start (default: a file per port in the temp folder)."),
            "--log-journal");
        var classic = EnumOption.Create(
            "--classic",
            "Whether classic one-shot requests are served beside sessions; off serves sessions only (docs/sessions.md).",
            Switch.On,
            lowerCase: true);
        var sessions = EnumOption.Create(
            "--sessions",
            "Whether persistent, pipelined sessions are offered beside the classic protocol (docs/sessions.md); off answers a session hello as a classic server does.",
            Switch.On,
            lowerCase: true);
        var sessionWindow = NumberOption.Count(
            "--session-window", "Requests a session may have unanswered; the server reads no further ahead.", 64, max: 65_536);
        var sessionIdle = NumberOption.Seconds(
            "--session-idle", "Seconds a session may stay silent before the server closes it (clients ping every quarter of it).", 60);
        var sessionRate = NumberOption.Count(
            "--session-rate", "Flood control: requests a second one session may make in the long run (bursts of a tenth of it).", 100_000);
        var presenceGrace = NumberOption.Seconds(
            "--presence-grace",
            "Seconds a user connected over a session that was lost without DISCONNECT (peer killed, network cut) stays listed for its peer to resume; then it is disconnected. 0 disconnects at once.",
            30,
            allowZero: true);
        var dataDir = PathOption.Folder(
            "--data-dir",
            "Keep the registry in this folder (created if missing): every answered operation survives a crash or restart (docs/registry-stores.md). Without it the registry lives in memory.");
        var sharedRegistry = RegistryOption.Create();
        var serverLiveness = NumberOption.Seconds(
            "--server-liveness",
            "With --registry: seconds this server's liveness key lives unrefreshed (it refreshes it every third of that). Once a crashed server's key lapses, the others take over the users of its sessions and start their grace periods.",
            10);
        var quiet = new Option<bool>("--quiet")
        {
            Description = "Do not print a console line per operation (for load tests).",
        };

        var command = new Command(
            "server",
            "Run the directory server: prints 's> init server HOST:PORT', then 's> OPERATION <op> FROM <user>' per request. SIGINT or SIGTERM stops it (exit 0).")
        {
            port, host, encoding, listContent, maxConnections, requestTimeout, classic, sessions, sessionWindow, sessionIdle, sessionRate, presenceGrace, dataDir, sharedRegistry, serverLiveness, quiet,
        };
        operationLog.AddTo(command);
        journal.AddTo(command);
        CommonOptions.AddTo(command);
        CommandRunner.SetAction(command, async (parse, diagnostics, cancellationToken) =>
        {
            var logger = diagnostics.CreateLogger("P2PSim.DirectoryServer");
            var listenPort = parse.GetValue(port);
            var listenHost = parse.GetValue(host)!;
            var logService = LogServiceAddress.Resolve(operationLog.GetValue(parse));
            var journalPath = journal.GetValue(parse)?.FullName ?? DefaultJournal(listenPort);
            var options = new DirectoryServerOptions
            {
                ResultEncoding = parse.GetValue(encoding),
                ListContent = parse.GetValue(listContent),
                MaxConnections = parse.GetValue(maxConnections),
                RequestTimeout = TimeSpan.FromSeconds(parse.GetValue(requestTimeout)),
                ClassicRequests = parse.GetValue(classic) == Switch.On,
                Sessions = SessionBounds(parse.GetValue(sessions), parse.GetValue(sessionWindow), parse.GetValue(sessionIdle), parse.GetValue(sessionRate)) with
                {
                    PresenceGrace = TimeSpan.FromSeconds(parse.GetValue(presenceGrace)),
                },
            };

            var console = parse.GetValue(quiet) ? null : new ConsoleOperationSink(Console.Out);
            await using var operationSink = logService is null
                ? null
                : OpenOperationLog(logService, listenPort, journalPath, diagnostics.LoggerFactory.CreateLogger<RpcLogSink>());
            IOperationSink? sink = (console, operationSink) switch
            {
                (null, null) => null,
                ({ } c, null) => c,
                (null, { } l) => l,
                ({ } c, { } l) => new CompositeOperationSink(c, l),
            };
            var redis = parse.GetValue(sharedRegistry);
            if (redis is null && parse.GetResult(serverLiveness) is { Implicit: false })
            {
                throw new UsageException("--server-liveness applies to a registry shared in Redis: give --registry redis://HOST:PORT too");
            }

            var store = await OpenStoreAsync(
                parse.GetValue(dataDir), redis, TimeSpan.FromSeconds(parse.GetValue(serverLiveness)), diagnostics.CreateLogger("P2PSim.DirectoryServer.Registry"));
            await using var closeStore = store as IAsyncDisposable; // after the server: it drains into the store
            var server = await Listening.StartAsync(listenHost, listenPort, () => DirectoryServerHost.StartAsync(
                TcpTransport.Instance, new TransportEndPoint(listenHost, listenPort), options, sink, logger, store, cancellationToken));
            await using (server)
            {
                await Console.Out.WriteLineAsync($"s> init server {server.EndPoint}");
                await Console.Out.FlushAsync(cancellationToken);
                await StopSignal.WaitAsync(cancellationToken, server.Completion);
            }

            if (console is not null)
            {
                await console.DisposeAsync();
            }

            return 0;
        });
        return command;
    }

    /// <summary>The session bounds from the command line; the heartbeat advertised is a quarter of the idle time.</summary>
    private static SessionOptions SessionBounds(Switch enabled, int window, double idleSeconds, int rate) => new()
    {
        Enabled = enabled == Switch.On,
        Window = window,
        IdleTimeout = TimeSpan.FromSeconds(idleSeconds),
        Heartbeat = TimeSpan.FromSeconds(idleSeconds / 4),
        RequestsPerSecond = rate,
        Burst = Math.Max(1, rate / 10),
    };

    /// <summary>
    /// The registry store the options ask for: the durable one in <paramref name="folder"/>, the shared one in
    /// Redis at <paramref name="redis"/> (this server's liveness key lasting <paramref name="liveness"/>), or null
    /// (the in-memory registry) without either.
    /// </summary>
    private static async Task<IRegistryStore?> OpenStoreAsync(DirectoryInfo? folder, IReadOnlyList<DnsEndPoint>? redis, TimeSpan liveness, ILogger logger)
    {
        if (folder is not null && redis is not null)
        {
            throw new UsageException("--data-dir and --registry both say where the registry lives: give one of them");
        }

        if (redis is not null)
        {
            return await RedisRegistryStore.ConnectAsync(redis, new RedisStoreOptions { ServerLiveness = liveness }, logger);
        }

        if (folder is null)
        {
            return null;
        }

        PathOption.Create(folder, "--data-dir");
        try
        {
            return await DurableRegistryStore.OpenAsync(folder.FullName, logger: logger);
        }
        catch (RegistryRecoveryException e)
        {
            throw new UsageException($"--data-dir {folder.FullName}: {CommandRunner.OneLine(e.Message)}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException(
                $"--data-dir {folder.FullName} cannot be used ({CommandRunner.OneLine(e.Message)}): is another server using it? Give another folder", e);
        }
    }

    private static RpcLogSink OpenOperationLog(TransportEndPoint logService, int port, string journalPath, ILogger<RpcLogSink> logger)
    {
        try
        {
            return new RpcLogSink(TcpTransport.Instance, new RpcLogSinkOptions(logService, SenderId(port)) { JournalPath = journalPath }, logger);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A fixed port's default journal is held by the server already running there.
            throw new UsageException(
                $"the operation journal {journalPath} cannot be opened ({CommandRunner.OneLine(e.Message)}): is another server on port {port} running? Give another --operation-journal or --port", e);
        }
    }

    /// <summary>
    /// A server on a fixed port finds the entries an earlier run left in its journal and delivers them; servers on
    /// port 0 are one-offs and must not share a file, so theirs is per process.
    /// </summary>
    private static string DefaultJournal(int port) => Path.Combine(
        Path.GetTempPath(), port == 0 ? $"p2psim-server-pid{Environment.ProcessId}.journal" : $"p2psim-server-{port}.journal");

    /// <summary>
    /// The log sender id: the server's port and this process's start, so that sequence numbers, which restart at 1
    /// with each process, never collide with an earlier run's in the log service's duplicate filter.
    /// </summary>
    private static string SenderId(int port) =>
        $"server:{port}@{Environment.ProcessId}.{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}";
}
