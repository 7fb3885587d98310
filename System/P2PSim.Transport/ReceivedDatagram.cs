namespace P2PSim.Transport;

/// <summary>What <see cref="IDatagramSocket.ReceiveAsync"/> received.</summary>
/// <param name="Length">The bytes written to the buffer: the datagram's length, or the buffer's if it was cut short.</param>
/// <param name="RemoteEndPoint">The sender, where a reply goes.</param>
public readonly record struct ReceivedDatagram(int Length, TransportEndPoint RemoteEndPoint);
