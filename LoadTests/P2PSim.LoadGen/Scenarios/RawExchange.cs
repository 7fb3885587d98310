using System.Net;
using System.Net.Sockets;

namespace P2PSim.LoadGen.Scenarios;

/// <summary>
/// The lean client both the ceilings and the raw P2PSim scenarios use: connect, write pre-encoded request bytes,
/// read until the server closes, close. No timers, no decoding, so a raw run measures the server and the kernel,
/// and the same code path against the bare server gives the machine's ceiling for it.
/// </summary>
internal static class RawExchange
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>Largest reply read; a LIST_USERS of 10,000 users is a few hundred KB.</summary>
    private const int MaxReplyBytes = 16 * 1024 * 1024;

    /// <summary>One exchange; returns the reply's length and its first byte (-1 when empty).</summary>
    public static async ValueTask<(int Length, int FirstByte)> OneShotAsync(IPEndPoint server, ReadOnlyMemory<byte> request, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(server, timeout.Token);
        await socket.SendAsync(request, SocketFlags.None, timeout.Token);
        var buffer = new byte[4096];
        var total = 0;
        var first = -1;
        while (total <= MaxReplyBytes)
        {
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            if (read == 0)
            {
                break;
            }

            if (first < 0)
            {
                first = buffer[0];
            }

            total += read;
        }

        return (total, first);
    }
}
