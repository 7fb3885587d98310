using System.Net;

namespace P2PSim.Transport.Capture;

/// <summary>
/// One captured connection: its synthetic addresses and, per direction, the bytes recorded so far and the next
/// sequence number. Both ends of a connection may report the same bytes (a write at one end, the read at the other,
/// when both ends are captured), so a report only adds what lies past what is recorded. Guarded by its capture's lock.
/// </summary>
internal sealed class CaptureFlow(IPAddress clientAddress, int clientPort, IPAddress serverAddress, int serverPort)
{
    public IPAddress ClientAddress { get; } = clientAddress;

    public int ClientPort { get; } = clientPort;

    public IPAddress ServerAddress { get; } = serverAddress;

    public int ServerPort { get; } = serverPort;

    /// <summary>Bytes recorded, client to server [0] and server to client [1].</summary>
    public long[] Recorded { get; } = new long[2];

    /// <summary>The next sequence number of each direction (the initial ones are 0: readers show relative numbers anyway).</summary>
    public uint[] NextSequence { get; } = [1, 1];

    /// <summary>Whether each direction has sent its FIN.</summary>
    public bool[] Finished { get; } = new bool[2];

    /// <summary>A reset ended the connection: nothing more is recorded.</summary>
    public bool WasReset { get; set; }

    public bool Ended => WasReset || (Finished[0] && Finished[1]);
}
