using System.Net;
using System.Net.Sockets;
using P2PSim.LogService;
using P2PSim.Transport;
using P2PSim.Transport.Hosting;
using P2PSim.Transport.Tcp;

namespace P2PSim.LoadGen;

/// <summary>What the sink talks to in one mode: nothing, a real log service, a dead port or a stalled listener.</summary>
internal sealed class LogTarget : IAsyncDisposable
{
    private readonly LogStore? _store;
    private readonly RunningServer<LogServer>? _server;
    private readonly StalledLogService? _stalled;

    private LogTarget(TransportEndPoint? endPoint, LogStore? store, RunningServer<LogServer>? server, StalledLogService? stalled)
    {
        EndPoint = endPoint;
        _store = store;
        _server = server;
        _stalled = stalled;
    }

    /// <summary>Where the sink sends; null when logging is off.</summary>
    public TransportEndPoint? EndPoint { get; }

    public static async Task<LogTarget> StartAsync(LoggingMode mode, string workDirectory, CancellationToken cancellationToken)
    {
        switch (mode)
        {
            case LoggingMode.Off:
                return new LogTarget(null, null, null, null);
            case LoggingMode.Up:
                var store = new LogStore(Path.Combine(workDirectory, "log-service.jsonl"), TextWriter.Null);
                try
                {
                    var server = await LogServerHost.StartAsync(
                        TcpTransport.Instance,
                        datagramTransport: null,
                        new TransportEndPoint("127.0.0.1", 0),
                        store,
                        cancellationToken: cancellationToken);
                    return new LogTarget(server.EndPoint, store, server, null);
                }
                catch
                {
                    store.Dispose();
                    throw;
                }

            case LoggingMode.Down:
                return new LogTarget(new TransportEndPoint("127.0.0.1", FindUnusedPort()), null, null, null);
            case LoggingMode.Stalled:
                var stalled = new StalledLogService();
                return new LogTarget(stalled.EndPoint, null, null, stalled);
            default:
                throw new ArgumentOutOfRangeException(nameof(mode), mode, null);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _store?.Dispose();
        if (_stalled is not null)
        {
            await _stalled.DisposeAsync();
        }
    }

    /// <summary>A loopback port nobody listens on: bound by the OS, then released (a tiny race, fine for a benchmark).</summary>
    private static int FindUnusedPort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        try
        {
            return ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        finally
        {
            probe.Stop();
        }
    }
}
