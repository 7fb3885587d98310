using P2PSim.Transport.Timing;

namespace P2PSim.Transport;

/// <summary>
/// Ending a connection whose client may still be sending. Closing a TCP socket with unread bytes sends a reset,
/// and a reset can destroy the reply (or the end of a file) the client has not read yet: so half-close first, then
/// read and discard, briefly and boundedly, before the caller closes.
/// </summary>
public static class GracefulClose
{
    private const int MaxDrainBytes = 64 * 1024;

    private static readonly TimeSpan DrainTime = TimeSpan.FromMilliseconds(500);

    /// <summary>Half-closes <paramref name="connection"/> and discards what the peer still sends (at most 64 KiB, 0.5 s).</summary>
    public static async Task ShutdownAndDrainAsync(
        IConnection connection, byte[] scratch, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        connection.ShutdownOutput();
        using var linked = new LinkedDeadline(DrainTime, timeProvider, cancellationToken);
        try
        {
            var drained = 0;
            int read;
            while (drained < MaxDrainBytes && (read = await connection.Stream.ReadAsync(scratch, linked.Token)) > 0)
            {
                drained += read;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // Best effort: everything there was to send is already sent.
        }
    }
}
