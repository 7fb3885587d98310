using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using P2PSim.Transport;

namespace P2PSim.LogService;

/// <summary>
/// The log service over datagrams (UDP, or in memory): one datagram is one call, the reply goes back to the
/// sender. A datagram that is not a call is dropped. The receive buffer holds the largest datagram there is, so
/// none is cut short.
/// </summary>
public sealed class DatagramLogServer
{
    private readonly LogRpcDispatcher _dispatcher;
    private readonly ILogger _logger;

    /// <summary>Creates a server answering with <paramref name="dispatcher"/>.</summary>
    public DatagramLogServer(LogRpcDispatcher dispatcher, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(dispatcher);
        _dispatcher = dispatcher;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// Answers datagrams on <paramref name="socket"/> until <paramref name="stopping"/> is cancelled or the socket is
    /// disposed. The caller owns the socket.
    /// </summary>
    public async Task RunAsync(IDatagramSocket socket, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(socket);
        Log.ListeningUdp(_logger, socket.LocalEndPoint.ToString());
        var buffer = new byte[IDatagramSocket.MaxDatagramBytes];
        while (!stopping.IsCancellationRequested)
        {
            ReceivedDatagram? received;
            try
            {
                received = await socket.ReceiveAsync(buffer, stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (TransportException e)
            {
                Log.UdpReceiveFailed(_logger, e.Message);
                continue;
            }

            if (received is not { } datagram)
            {
                return; // the socket was disposed
            }

            var reply = _dispatcher.HandleMessage(buffer.AsSpan(0, datagram.Length));
            if (reply is null)
            {
                Log.DatagramDropped(_logger, datagram.RemoteEndPoint.ToString());
                continue;
            }

            try
            {
                await socket.SendAsync(reply, datagram.RemoteEndPoint, stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return; // disposed between the receive and the reply
            }
            catch (TransportException e)
            {
                Log.UdpSendFailed(_logger, datagram.RemoteEndPoint.ToString(), e.Message);
            }
        }
    }
}
