using Microsoft.Extensions.Logging;
using P2PSim.Transport;
using P2PSim.Transport.Hosting;

namespace P2PSim.LogService;

/// <summary>
/// Starts the log service: TCP on the given transport and, when a datagram transport is given, UDP at the address
/// and port TCP got, run beside it by the same <see cref="RunningServer{TServer}"/>. What hosts, fixtures and tests
/// call; disposing the result stops both.
/// </summary>
public static class LogServerHost
{
    private const int UdpBindAttempts = 5;

    /// <summary>
    /// Binds TCP at <paramref name="endPoint"/> on <paramref name="transport"/>, then, unless
    /// <paramref name="datagramTransport"/> is null, UDP on it at the address and port TCP got, and starts serving
    /// <paramref name="store"/>. With port 0 a UDP port clash is retried with a fresh pair a few times.
    /// </summary>
    /// <exception cref="AddressInUseException">The port is taken (for TCP, or for UDP with a fixed port).</exception>
    /// <exception cref="TransportException">Either bind failed for another reason (see <see cref="ITransport.BindAsync"/>).</exception>
    public static async Task<RunningServer<LogServer>> StartAsync(
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

            var server = new LogServer(dispatcher, options, logger) { UdpEndPoint = udp?.LocalEndPoint };
            return udp is null
                ? RunningServer<LogServer>.Start(listener, server)
                : RunningServer<LogServer>.Start(listener, server, DatagramLogEndpoint.Start(udp, new DatagramLogServer(dispatcher, logger)));
        }
    }
}
