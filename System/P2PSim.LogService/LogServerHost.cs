using System.Net;
using Microsoft.Extensions.Logging;
using P2PSim.Transport;
using P2PSim.Transport.Hosting;

namespace P2PSim.LogService;

/// <summary>
/// Starts the log service: TCP on the given transport and, when <see cref="LogServerOptions.EnableUdp"/>, UDP on a
/// real socket at the same IP and port, run beside it by the same <see cref="RunningServer{TServer}"/>. What hosts,
/// fixtures and tests call; disposing the result stops both.
/// </summary>
public static class LogServerHost
{
    private const int UdpBindAttempts = 5;

    /// <summary>
    /// Binds TCP at <paramref name="endPoint"/> on <paramref name="transport"/>, then (if enabled) UDP at the same
    /// IP and the port TCP got, and starts serving <paramref name="store"/>. With port 0 a UDP port clash is
    /// retried with a fresh pair a few times. UDP needs <paramref name="endPoint"/>'s host to be an IP address.
    /// </summary>
    /// <exception cref="AddressInUseException">The port is taken (for TCP, or for UDP with a fixed port).</exception>
    public static async Task<RunningServer<LogServer>> StartAsync(
        ITransport transport,
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
        IPAddress? udpAddress = null;
        if (options.EnableUdp && !IPAddress.TryParse(endPoint.Host, out udpAddress))
        {
            throw new ArgumentException($"UDP needs an IP address to bind, not '{endPoint.Host}'.", nameof(endPoint));
        }

        var dispatcher = new LogRpcDispatcher(store);
        for (var attempt = 1; ; attempt++)
        {
            var listener = await transport.BindAsync(endPoint, cancellationToken);
            UdpLogEndpoint? udp = null;
            try
            {
                if (udpAddress is not null)
                {
                    udp = UdpLogEndpoint.Start(new IPEndPoint(udpAddress, listener.LocalEndPoint.Port), dispatcher, logger);
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
            return udp is null ? RunningServer<LogServer>.Start(listener, server) : RunningServer<LogServer>.Start(listener, server, udp);
        }
    }
}
