using Microsoft.Extensions.Logging;
using P2PSim.Transport;

namespace P2PSim.LogService;

/// <summary>
/// A log service bound and running: TCP on the given transport and, when a datagram transport is given, UDP at the
/// address and port TCP got. What hosts, fixtures and tests hold; disposing stops both.
/// </summary>
public sealed class RunningLogServer : IAsyncDisposable
{
    private const int UdpBindAttempts = 5;

    private readonly IConnectionListener _listener;
    private readonly IDatagramSocket? _udp;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _run;
    private readonly Task _udpRun;

    private RunningLogServer(IConnectionListener listener, IDatagramSocket? udp, LogServer server, DatagramLogServer udpServer)
    {
        _listener = listener;
        _udp = udp;
        Server = server;
        _udpRun = udp is null ? Task.CompletedTask : udpServer.RunAsync(udp, _stopping.Token);
        _run = server.RunAsync(listener, _stopping.Token);
    }

    /// <summary>The TCP address clients connect to (the real port when 0 was asked for).</summary>
    public TransportEndPoint TcpEndPoint => _listener.LocalEndPoint;

    /// <summary>The TCP port.</summary>
    public int TcpPort => _listener.LocalEndPoint.Port;

    /// <summary>The UDP address, or null when UDP is off.</summary>
    public TransportEndPoint? UdpEndPoint => _udp?.LocalEndPoint;

    /// <summary>The UDP port (equal to <see cref="TcpPort"/>), or null when UDP is off.</summary>
    public int? UdpPort => _udp?.LocalEndPoint.Port;

    /// <summary>The TCP server.</summary>
    public LogServer Server { get; }

    /// <summary>Completes when the TCP server has stopped.</summary>
    public Task Completion => _run;

    /// <summary>
    /// Binds TCP at <paramref name="endPoint"/> on <paramref name="transport"/>, then, unless
    /// <paramref name="datagramTransport"/> is null, UDP on it at the address and port TCP got, and starts serving
    /// <paramref name="store"/>. With port 0 a UDP port clash is retried with a fresh pair a few times.
    /// </summary>
    /// <exception cref="AddressInUseException">The port is taken (for TCP, or for UDP with a fixed port).</exception>
    /// <exception cref="TransportException">Either bind failed for another reason (see <see cref="ITransport.BindAsync"/>).</exception>
    public static async Task<RunningLogServer> StartAsync(
        ITransport transport,
        IDatagramTransport? datagramTransport,
        TransportEndPoint endPoint,
        ILogStore store,
        LogServerOptions? options = null,
        ILogger? logger = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(endPoint);
        ArgumentNullException.ThrowIfNull(store);
        options ??= new LogServerOptions();
        var dispatcher = new LogRpcDispatcher(store);
        for (var attempt = 1; ; attempt++)
        {
            var listener = await transport.BindAsync(endPoint, cancellationToken);
            IDatagramSocket? udp = null;
            try
            {
                if (datagramTransport is not null)
                {
                    udp = await datagramTransport.BindAsync(listener.LocalEndPoint, cancellationToken);
                }
            }
            catch (AddressInUseException) when (endPoint.Port == 0 && attempt < UdpBindAttempts)
            {
                await listener.DisposeAsync();
                continue;
            }
            catch
            {
                await listener.DisposeAsync();
                throw;
            }

            return new RunningLogServer(listener, udp, new LogServer(dispatcher, options, logger), new DatagramLogServer(dispatcher, logger));
        }
    }

    /// <summary>Stops accepting, lets running connections finish (bounded by the drain timeout) and unbinds.</summary>
    public async ValueTask DisposeAsync()
    {
        _stopping.Cancel(); // Cancel, not CancelAsync: its callbacks would run on a thread Coyote does not control
        if (_udp is not null)
        {
            await _udp.DisposeAsync();
        }

        await _udpRun;
        await _run;
        await _listener.DisposeAsync();
        _stopping.Dispose();
    }
}
