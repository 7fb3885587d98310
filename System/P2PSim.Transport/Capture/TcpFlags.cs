namespace P2PSim.Transport.Capture;

/// <summary>The TCP header flags a synthetic capture uses (RFC 9293 §3.1).</summary>
[Flags]
internal enum TcpFlags : byte
{
    Fin = 0x01,
    Syn = 0x02,
    Rst = 0x04,
    Psh = 0x08,
    Ack = 0x10,
}
