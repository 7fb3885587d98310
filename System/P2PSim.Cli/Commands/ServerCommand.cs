using System.CommandLine;
using Microsoft.Extensions.Logging;
using P2PSim.Cli.Hosting;
using P2PSim.DirectoryServer;
using P2PSim.LogSink;
using P2PSim.Transport;
using P2PSim.Transport.Hosting;
using P2PSim.Transport.Tcp;

namespace P2PSim.Cli.Commands;

/// <summary><c>p2psim server -p PORT</c>: the directory server on real sockets, with the classic console (spec §5).</summary>
internal static class ServerCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port", "-p")
        {
            Description = "TCP port to listen on; 0 picks a free one (printed in the first line).",
            DefaultValueFactory = _ => 5000,
        };
        var host = new Option<string>("--host")
        {
            Description = "Address to listen on.",
            DefaultValueFactory = _ => "127.0.0.1",
        };
        var encoding = ResultEncodingOption.Create();
        var maxConnections = new Option<int>("--max-connections")
        {
            Description = "Connections served at once; more are closed immediately.",
            DefaultValueFactory = _ => 1024,
        };
        var requestTimeout = new Option<double>("--request-timeout")
        {
            Description = "Seconds a client has to send its request and read the reply.",
            DefaultValueFactory = _ => 10,
        };
        var logRpc = new Option<string?>("--log-rpc")
        {
            Description = $"ONC-RPC log service HOST[:PORT] (default port {LogServiceAddress.DefaultPort}); else LOG_RPC_IP; else no operation log.",
        };
        var logJournal = new Option<FileInfo?>("--log-journal")
        {
            Description = "Where log entries spill when the log service is down or slow and the memory bound is reached (default: a file in the temp folder).",
        };
        var quiet = new Option<bool>("--quiet")
        {
            Description = "Do not print a console line per operation (for load tests).",
        };

        var command = new Command("server", "Run the directory server.")
        {
            port, host, encoding, maxConnections, requestTimeout, logRpc, logJournal, quiet,
        };
        CommonOptions.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var diagnostics = Diagnostics.Create(parse, "server");
            var logger = diagnostics.CreateLogger("P2PSim.DirectoryServer");
            var options = new DirectoryServerOptions
            {
                ResultEncoding = parse.GetValue(encoding),
                MaxConnections = parse.GetValue(maxConnections),
                RequestTimeout = TimeSpan.FromSeconds(parse.GetValue(requestTimeout)),
            };
            var console = parse.GetValue(quiet) ? null : new ConsoleOperationSink(Console.Out);
            TransportEndPoint? logService;
            try
            {
                logService = LogServiceAddress.Resolve(parse.GetValue(logRpc));
            }
            catch (FormatException e)
            {
                await Console.Error.WriteLineAsync($"p2psim server: bad log service address: {e.Message}");
                return 2;
            }

            await using var operationLog = logService is null
                ? null
                : new RpcLogSink(TcpTransport.Instance, new RpcLogSinkOptions(logService, SenderId(parse.GetValue(port)))
                {
                    JournalPath = (parse.GetValue(logJournal)?.FullName) ?? DefaultJournal(parse.GetValue(port)),
                }, diagnostics.LoggerFactory.CreateLogger<RpcLogSink>());
            IOperationSink? sink = (console, operationLog) switch
            {
                (null, null) => null,
                ({ } c, null) => c,
                (null, { } l) => l,
                ({ } c, { } l) => new CompositeOperationSink(c, l),
            };
            RunningServer<P2PSim.DirectoryServer.DirectoryServer> server;
            try
            {
                server = await DirectoryServerHost.StartAsync(
                    TcpTransport.Instance, new TransportEndPoint(parse.GetValue(host)!, parse.GetValue(port)), options, sink, logger,
                    cancellationToken: cancellationToken);
            }
            catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or FormatException)
            {
                await Console.Error.WriteLineAsync($"p2psim server: cannot listen: {e.Message}");
                return 2;
            }

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
