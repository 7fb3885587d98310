using P2PSim.DirectoryServer;
using P2PSim.LogSink;
using P2PSim.Transport;
using P2PSim.Transport.Tcp;

namespace P2PSim.LoadGen;

/// <summary>
/// The <c>logging</c> benchmark: the same closed-loop load against a fresh in-process directory server (real TCP,
/// 127.0.0.1) in each <see cref="LoggingMode"/>, one after the other in one process.
/// </summary>
internal sealed class LoggingImpactBenchmark
{
    private readonly LoadGenOptions _options;
    private readonly TextWriter _progress;

    public LoggingImpactBenchmark(LoadGenOptions options, TextWriter progress)
    {
        _options = options;
        _progress = progress;
    }

    public async Task<IReadOnlyList<ModeResult>> RunAsync(CancellationToken cancellationToken)
    {
        var workDirectory = Path.Combine(Path.GetTempPath(), $"p2psim-loadgen-{Guid.NewGuid():N}");
        Directory.CreateDirectory(workDirectory);
        try
        {
            var results = new List<ModeResult>();
            foreach (var mode in Enum.GetValues<LoggingMode>())
            {
                _progress.WriteLine(
                    $"logging: mode {Name(mode)}: {_options.Clients} clients, {_options.WarmUp.TotalSeconds:0} s warm-up + {_options.Duration.TotalSeconds:0} s measured");
                results.Add(await RunModeAsync(mode, workDirectory, cancellationToken));
            }

            return results;
        }
        finally
        {
            try
            {
                Directory.Delete(workDirectory, recursive: true);
            }
            catch (IOException e)
            {
                _progress.WriteLine($"logging: could not delete {workDirectory}: {e.Message}");
            }
        }
    }

    /// <summary>The mode's name in reports.</summary>
    public static string Name(LoggingMode mode) => mode.ToString().ToLowerInvariant();

    private async Task<ModeResult> RunModeAsync(LoggingMode mode, string workDirectory, CancellationToken cancellationToken)
    {
        // Disposed in reverse: directory server (drain), then sink (bounded flush), then the log target.
        await using var target = await LogTarget.StartAsync(mode, workDirectory, cancellationToken);
        await using var sink = target.EndPoint is { } logService
            ? new RpcLogSink(
                TcpTransport.Instance,
                new RpcLogSinkOptions(logService, $"loadgen-{Name(mode)}-{Guid.NewGuid():N}")
                {
                    JournalPath = Path.Combine(workDirectory, $"journal-{Name(mode)}.bin"),
                })
            : null;
        await using var server = await DirectoryServerHost.StartAsync(
            TcpTransport.Instance, new TransportEndPoint("127.0.0.1", 0), sink: sink, cancellationToken: cancellationToken);

        var load = await ClosedLoopLoad.RunAsync(server.EndPoint, $"lg{Name(mode)}", _options, cancellationToken);
        var counters = sink is null ? null : SinkCounters.Of(sink);
        return new ModeResult(mode, load, counters);
    }
}
