using System.Net;
using P2PSim.DirectoryServer;
using P2PSim.DirectoryServer.Registry;
using P2PSim.LogSink;
using P2PSim.Transport;
using P2PSim.Transport.Hosting;
using P2PSim.Transport.Tcp;

namespace P2PSim.LoadGen.Suite;

/// <summary>
/// The directory server a group of runs loads: a fresh in-process server on 127.0.0.1 (optionally with the log sink
/// in one of the <see cref="LoggingMode"/>s), or an external server given by address, left as it is.
/// </summary>
internal sealed class DirectoryUnderTest : IAsyncDisposable
{
    private readonly LogTarget? _logTarget;
    private readonly RpcLogSink? _sink;
    private readonly RunningServer<P2PSim.DirectoryServer.DirectoryServer>? _server;

    private DirectoryUnderTest(TransportEndPoint endPoint, DirectoryRegistry? registry, LogTarget? logTarget, RpcLogSink? sink, RunningServer<P2PSim.DirectoryServer.DirectoryServer>? server)
    {
        EndPoint = endPoint;
        Registry = registry;
        _logTarget = logTarget;
        _sink = sink;
        _server = server;
    }

    public TransportEndPoint EndPoint { get; }

    public IPEndPoint IPEndPoint => new(IPAddress.Parse(EndPoint.Host), EndPoint.Port);

    /// <summary>The in-process server's registry; null for an external target.</summary>
    public DirectoryRegistry? Registry { get; }

    /// <summary>The sink's counters so far; null without a sink.</summary>
    public SinkCounters? SinkCounters => _sink is null ? null : LoadGen.SinkCounters.Of(_sink);

    public static DirectoryUnderTest External(IPEndPoint target) =>
        new(new TransportEndPoint(target.Address.ToString(), target.Port), null, null, null, null);

    public static async Task<DirectoryUnderTest> StartAsync(LoggingMode logging, string workDirectory, CancellationToken cancellationToken)
    {
        var logTarget = await LogTarget.StartAsync(logging, workDirectory, cancellationToken);
        RpcLogSink? sink = null;
        try
        {
            var name = logging.ToString().ToLowerInvariant();
            sink = logTarget.EndPoint is { } logService
                ? new RpcLogSink(
                    TcpTransport.Instance,
                    new RpcLogSinkOptions(logService, $"loadgen-{name}-{Guid.NewGuid():N}")
                    {
                        JournalPath = Path.Combine(workDirectory, $"journal-{name}-{Guid.NewGuid():N}.bin"),
                    })
                : null;
            var registry = new DirectoryRegistry();
            var server = await DirectoryServerHost.StartAsync(
                TcpTransport.Instance, new TransportEndPoint("127.0.0.1", 0), sink: sink, registry: registry, cancellationToken: cancellationToken);
            return new DirectoryUnderTest(server.EndPoint, registry, logTarget, sink, server);
        }
        catch
        {
            if (sink is not null)
            {
                await sink.DisposeAsync();
            }

            await logTarget.DisposeAsync();
            throw;
        }
    }

    /// <summary>Server first (drain), then the sink (bounded flush), then the log target.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_sink is not null)
        {
            await _sink.DisposeAsync();
        }

        if (_logTarget is not null)
        {
            await _logTarget.DisposeAsync();
        }
    }
}
