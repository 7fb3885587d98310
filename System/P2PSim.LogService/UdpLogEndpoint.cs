using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace P2PSim.LogService;

/// <summary>
/// The log service over UDP on a real socket: one datagram is one call, the reply goes back to the sender. A
/// datagram that is not a call is dropped. Datagrams are bounded by the receive buffer (the UDP maximum).
/// </summary>
public sealed class UdpLogEndpoint : IAsyncDisposable
{
    /// <summary>The largest datagram read whole (the IPv4 UDP payload maximum, rounded up).</summary>
    public const int MaxDatagramBytes = 64 * 1024;

    private readonly Socket _socket;
    private readonly LogRpcDispatcher _dispatcher;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private Task _run = Task.CompletedTask;

    private UdpLogEndpoint(Socket socket, LogRpcDispatcher dispatcher, ILogger logger)
    {
        _socket = socket;
        _dispatcher = dispatcher;
        _logger = logger;
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
    }

    /// <summary>The address bound (the real port when 0 was asked for).</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Completes when the endpoint has stopped.</summary>
    public Task Completion => _run;

    /// <summary>Binds <paramref name="endPoint"/> and starts answering datagrams.</summary>
    /// <exception cref="Transport.AddressInUseException">The port is taken.</exception>
    public static UdpLogEndpoint Start(IPEndPoint endPoint, LogRpcDispatcher dispatcher, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        ArgumentNullException.ThrowIfNull(dispatcher);
        var socket = new Socket(endPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(endPoint);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            socket.Dispose();
            throw new Transport.AddressInUseException($"UDP {endPoint} is already in use.", e);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var udp = new UdpLogEndpoint(socket, dispatcher, logger ?? NullLogger.Instance);
        Log.ListeningUdp(udp._logger, udp.LocalEndPoint.ToString());
        udp._run = udp.RunAsync(udp._stopping.Token);
        return udp;
    }

    /// <summary>Stops answering and closes the socket.</summary>
    public async ValueTask DisposeAsync()
    {
        _stopping.Cancel(); // Cancel, not CancelAsync: its callbacks would run on a thread Coyote does not control
        _socket.Dispose();
        await _run;
        _stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        var buffer = new byte[MaxDatagramBytes];
        EndPoint any = new IPEndPoint(LocalEndPoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!stopping.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, stopping);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException && stopping.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException e)
            {
                // Oversized datagrams and ICMP "port unreachable" from an earlier reply land here: keep serving.
                if (stopping.IsCancellationRequested)
                {
                    return;
                }

                Log.UdpReceiveFailed(_logger, e.Message);
                continue;
            }

            var reply = _dispatcher.HandleMessage(buffer.AsSpan(0, received.ReceivedBytes));
            if (reply is null)
            {
                Log.DatagramDropped(_logger, received.RemoteEndPoint.ToString() ?? "?");
                continue;
            }

            try
            {
                await _socket.SendToAsync(reply, SocketFlags.None, received.RemoteEndPoint, stopping);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException && stopping.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException e)
            {
                Log.UdpReceiveFailed(_logger, e.Message);
            }
        }
    }
}
