using P2PSim.Transport;
using P2PSim.Transport.InMemory;
using P2PSim.Transport.Tcp;

namespace P2PSim.DirectoryServer.Tests;

/// <summary>The two transports every end-to-end scenario runs over.</summary>
public enum TransportKind
{
    InMemory,
    Tcp,
}

internal static class TransportKinds
{
    public static ITransport Create(this TransportKind kind) =>
        kind == TransportKind.Tcp ? TcpTransport.Instance : new InMemoryNetwork().CreateTransport("127.0.0.1");

    public static TheoryData<TransportKind> All => [TransportKind.InMemory, TransportKind.Tcp];
}
